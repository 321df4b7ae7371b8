import { emitEvent } from "@fastnext/events";

import { recordActivity } from "../activity";
import { type ServiceContext } from "../context";
import { AppError } from "../errors";
import { keysetAfter, keysetOrderBy, NEWEST_FIRST } from "../pagination/keyset";
import { decodeCursor, toPage, type Page } from "../pagination/pagination";
import { findEndpoint } from "./access";
import { type WebhookDeliveryListInput } from "./input";
import { deliverySelect, type WebhookDeliveryView } from "./view";

/** An endpoint's deliveries, newest first, optionally of one status. */
export async function listWebhookDeliveries(
  ctx: ServiceContext,
  input: WebhookDeliveryListInput,
): Promise<Page<WebhookDeliveryView>> {
  await findEndpoint(ctx.db, input.endpointId);
  const after = decodeCursor(ctx.deps.cursors, input.cursor);
  const rows = await ctx.db.webhookDelivery.findMany({
    where: {
      endpointId: input.endpointId,
      ...(input.status ? { status: input.status } : {}),
      ...(after ? keysetAfter(NEWEST_FIRST, after.at, after.id) : {}),
    },
    orderBy: keysetOrderBy(NEWEST_FIRST),
    take: input.limit + 1,
    select: deliverySelect,
  });
  return toPage(ctx.deps.cursors, rows, input.limit, (row) => ({ at: row.createdAt, id: row.id }));
}

function requireEnabled(endpoint: { enabled: boolean }): void {
  if (!endpoint.enabled)
    throw new AppError("PRECONDITION_FAILED", "The webhook endpoint is disabled", {
      reason: "webhook_disabled",
    });
}

/**
 * Sends a delivery again, with the same body and idempotency id (the
 * receiver may have processed it and lost only its answer). The worker
 * does the sending: this records the request as an event, in the caller's
 * transaction.
 */
export async function redeliverWebhook(ctx: ServiceContext, deliveryId: string): Promise<void> {
  const delivery = await ctx.db.webhookDelivery.findUnique({
    where: { id: deliveryId },
    select: { id: true, endpointId: true, status: true },
  });
  if (!delivery)
    throw new AppError("NOT_FOUND", "No such webhook delivery", { reason: "delivery_not_found" });
  requireEnabled(await findEndpoint(ctx.db, delivery.endpointId));
  if (delivery.status === "pending")
    throw new AppError("CONFLICT", "The delivery is still being sent", {
      reason: "delivery_pending",
    });
  await emitEvent(ctx.db, "webhook.redelivery_requested", { deliveryId });
  await recordActivity(ctx.db, ctx.actor, {
    action: "webhook.redeliver",
    entityType: "webhook_delivery",
    entityId: deliveryId,
  });
}

/** A test delivery (event `webhook.ping`) to the endpoint, made and sent by the worker. */
export async function pingWebhook(ctx: ServiceContext, endpointId: string): Promise<void> {
  requireEnabled(await findEndpoint(ctx.db, endpointId));
  await emitEvent(ctx.db, "webhook.ping_requested", { endpointId });
  await recordActivity(ctx.db, ctx.actor, {
    action: "webhook.ping",
    entityType: "webhook_endpoint",
    entityId: endpointId,
  });
}
