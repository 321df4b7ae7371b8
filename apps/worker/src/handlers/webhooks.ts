import { type ScopedDb } from "@fastnext/db";
import {
  inTransaction,
  QUEUES,
  queueClient,
  WEBHOOK_EVENT_NAMES,
  type DomainEvent,
  type WebhookDeliveryJob,
} from "@fastnext/events";

import { derivedUuid } from "../queue/job-id";
import { webhookJobOptions } from "../webhooks/settings";
import { transactionHandler, type Handler, type WorkerContext } from "./types";

/** What every webhook request carries as its JSON body. */
interface WebhookBody {
  /** The delivery's id, also the `webhook-id` header. */
  id: string;
  event: string;
  eventId: string;
  occurredAt: string;
  data: unknown;
}

interface NewDelivery {
  id: string;
  endpointId: string;
  projectId: string | null;
  eventId: string;
  eventName: string;
  body: string;
}

function projectOf(payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null || !("projectId" in payload)) return null;
  return typeof payload.projectId === "string" ? payload.projectId : null;
}

/**
 * Records the deliveries and enqueues one job for each, in the handler's
 * transaction: they commit with its completion record, or none does. The
 * delivery id is derived from the event and the endpoint, so a repeated
 * fan-out makes nothing new.
 */
async function enqueueDeliveries(
  tx: ScopedDb,
  deliveries: NewDelivery[],
  ctx: WorkerContext,
): Promise<void> {
  if (deliveries.length === 0) return;
  await tx.webhookDelivery.createMany({ data: deliveries, skipDuplicates: true });
  for (const delivery of deliveries) {
    await queueClient.send(
      QUEUES.webhookDelivery,
      { deliveryId: delivery.id } satisfies WebhookDeliveryJob,
      { id: delivery.id, db: inTransaction(tx), ...webhookJobOptions(ctx.webhooks) },
    );
  }
}

function delivery(
  endpoint: { id: string; projectId: string | null },
  event: { id: string; createdAt: Date },
  eventName: string,
  data: unknown,
): NewDelivery {
  const id = derivedUuid("webhook", event.id, endpoint.id);
  const body: WebhookBody = {
    id,
    event: eventName,
    eventId: event.id,
    occurredAt: event.createdAt.toISOString(),
    data,
  };
  return {
    id,
    endpointId: endpoint.id,
    projectId: endpoint.projectId,
    eventId: event.id,
    eventName,
    body: JSON.stringify(body),
  };
}

/**
 * One event to every enabled endpoint that chose it: installation-wide
 * endpoints get every such event, a project's only events of that project.
 */
export async function fanOutToWebhooks(
  tx: ScopedDb,
  event: DomainEvent,
  ctx: WorkerContext,
): Promise<number> {
  const projectId = projectOf(event.payload);
  const endpoints = await tx.webhookEndpoint.findMany({
    where: {
      enabled: true,
      events: { has: event.name },
      OR: [{ projectId: null }, ...(projectId ? [{ projectId }] : [])],
    },
    select: { id: true, projectId: true },
  });
  await enqueueDeliveries(
    tx,
    endpoints.map((endpoint) => delivery(endpoint, event, event.name, event.payload)),
    ctx,
  );
  return endpoints.length;
}

export const webhookHandlers: readonly Handler[] = [
  ...WEBHOOK_EVENT_NAMES.map((name) =>
    transactionHandler({
      name: `webhooks.fan_out.${name}`,
      event: name,
      // No job for an event no enabled endpoint chose: most installations
      // have few endpoints and many events. An endpoint receives the events
      // dispatched after it was enabled.
      async wanted(db, event) {
        const endpoint = await db.webhookEndpoint.findFirst({
          where: { enabled: true, events: { has: event.name } },
          select: { id: true },
        });
        return endpoint !== null;
      },
      async apply(tx, event, ctx) {
        await fanOutToWebhooks(tx, event, ctx);
      },
    }),
  ),
  transactionHandler({
    name: "webhooks.ping",
    event: "webhook.ping_requested",
    async apply(tx, event, ctx) {
      const endpoint = await tx.webhookEndpoint.findUnique({
        where: { id: event.payload.endpointId },
        select: { id: true, projectId: true, enabled: true },
      });
      if (!endpoint?.enabled) return;
      await enqueueDeliveries(
        tx,
        [delivery(endpoint, event, "webhook.ping", { endpointId: endpoint.id })],
        ctx,
      );
    },
  }),
  transactionHandler({
    name: "webhooks.redeliver",
    event: "webhook.redelivery_requested",
    async apply(tx, event, ctx) {
      // Same row, body and id: sent again as a new job of its own.
      const { count } = await tx.webhookDelivery.updateMany({
        where: { id: event.payload.deliveryId, status: { not: "pending" } },
        data: { status: "pending", lastError: null },
      });
      if (count === 0) return;
      await queueClient.send(
        QUEUES.webhookDelivery,
        { deliveryId: event.payload.deliveryId } satisfies WebhookDeliveryJob,
        {
          id: derivedUuid("webhook-redelivery", event.id),
          db: inTransaction(tx),
          ...webhookJobOptions(ctx.webhooks),
        },
      );
    },
  }),
];
