import { randomUUID } from "node:crypto";

import { WEBHOOK_EVENT_NAMES } from "@fastnext/events";
import { type WebhookCreateInput, type WebhookUpdateInput } from "@fastnext/validators";

import { recordActivity } from "../activity";
import { type ServiceContext } from "../context";
import { AppError, type FieldErrors } from "../errors";
import { keysetAfter, keysetOrderBy, NEWEST_FIRST } from "../pagination/keyset";
import { decodeCursor, toPage, type Page } from "../pagination/pagination";
import { findEndpoint, requireWebhookScope } from "./access";
import { refusedDestination } from "./address-policy";
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from "./env";
import { type WebhookEndpointListInput } from "./input";
import { newWebhookSecret, sealWebhookSecret } from "./secret";
import { endpointSelect, type WebhookEndpointView, type WebhookEndpointWithSecret } from "./view";

function settingsOf(ctx: ServiceContext): WebhookSettings {
  return ctx.deps.webhooks ?? DEFAULT_WEBHOOK_SETTINGS;
}

/** The url and event names, checked against what only the server knows: allow-list and catalogue. */
function checkTarget(ctx: ServiceContext, data: { url?: string; events?: string[] }): void {
  const fieldErrors: FieldErrors = {};
  if (data.url !== undefined) {
    const refused = refusedDestination(new URL(data.url), settingsOf(ctx).allowList);
    if (refused) fieldErrors.url = [refused];
  }
  const unknown = (data.events ?? []).filter(
    (name) => !(WEBHOOK_EVENT_NAMES as readonly string[]).includes(name),
  );
  if (unknown.length > 0) fieldErrors.events = [`Unknown events: ${unknown.join(", ")}`];
  if (Object.keys(fieldErrors).length > 0)
    throw new AppError("VALIDATION", "The webhook endpoint is not valid", {
      fieldErrors,
      reason: "webhook_invalid",
    });
}

/** What the activity trail keeps of an endpoint (never a secret). */
function auditFields(endpoint: WebhookEndpointView) {
  return {
    url: endpoint.url,
    events: endpoint.events,
    description: endpoint.description,
    enabled: endpoint.enabled,
    projectId: endpoint.projectId,
  };
}

/** A new endpoint; its signing secret is in the answer and never again. */
export async function createWebhookEndpoint(
  ctx: ServiceContext,
  input: WebhookCreateInput,
): Promise<WebhookEndpointWithSecret> {
  await requireWebhookScope(ctx.db, ctx.principal, input.projectId);
  checkTarget(ctx, input);
  const id = randomUUID();
  const secret = newWebhookSecret();
  const endpoint = await ctx.db.webhookEndpoint.create({
    data: {
      id,
      projectId: input.projectId,
      url: input.url,
      description: input.description,
      events: input.events,
      enabled: input.enabled,
      secret: sealWebhookSecret(secret, id, ctx.deps.encryptionKeys),
      createdById: ctx.principal.userId,
    },
    select: endpointSelect,
  });
  await recordActivity(ctx.db, ctx.actor, {
    action: "webhook.create",
    entityType: "webhook_endpoint",
    entityId: id,
    after: auditFields(endpoint),
  });
  return { endpoint, secret };
}

export function getWebhookEndpoint(ctx: ServiceContext, id: string): Promise<WebhookEndpointView> {
  return findEndpoint(ctx.db, id);
}

/** The endpoints the caller manages, newest first; with a project, that project's only. */
export async function listWebhookEndpoints(
  ctx: ServiceContext,
  input: WebhookEndpointListInput,
): Promise<Page<WebhookEndpointView>> {
  if (input.projectId) await requireWebhookScope(ctx.db, ctx.principal, input.projectId);
  const after = decodeCursor(ctx.deps.cursors, input.cursor);
  const rows = await ctx.db.webhookEndpoint.findMany({
    where: {
      ...(input.projectId ? { projectId: input.projectId } : {}),
      ...(after ? keysetAfter(NEWEST_FIRST, after.at, after.id) : {}),
    },
    orderBy: keysetOrderBy(NEWEST_FIRST),
    take: input.limit + 1,
    select: endpointSelect,
  });
  return toPage(ctx.deps.cursors, rows, input.limit, (row) => ({ at: row.createdAt, id: row.id }));
}

/**
 * Changes the address, events, description or switch. Enabling an endpoint
 * the worker disabled starts its failure count over.
 */
export async function updateWebhookEndpoint(
  ctx: ServiceContext,
  input: WebhookUpdateInput,
): Promise<WebhookEndpointView> {
  const before = await findEndpoint(ctx.db, input.id);
  checkTarget(ctx, input.data);
  const reenabled = input.data.enabled === true && !before.enabled;
  const after = await ctx.db.webhookEndpoint.update({
    where: { id: input.id },
    data: {
      ...input.data,
      ...(reenabled ? { consecutiveFailures: 0, disabledAt: null, disabledReason: null } : {}),
    },
    select: endpointSelect,
  });
  await recordActivity(ctx.db, ctx.actor, {
    action: "webhook.update",
    entityType: "webhook_endpoint",
    entityId: input.id,
    before: auditFields(before),
    after: auditFields(after),
  });
  return after;
}

/** Deletes the endpoint and its delivery log; deliveries still queued are dropped by the worker. */
export async function deleteWebhookEndpoint(ctx: ServiceContext, id: string): Promise<void> {
  const before = await findEndpoint(ctx.db, id);
  await ctx.db.webhookEndpoint.deleteMany({ where: { id } });
  await recordActivity(ctx.db, ctx.actor, {
    action: "webhook.delete",
    entityType: "webhook_endpoint",
    entityId: id,
    before: auditFields(before),
  });
}

/**
 * A new signing secret, shown once. The one it replaces keeps signing
 * (every request then carries both signatures) for the grace period, so a
 * receiver can switch without losing a delivery; rotating again within it
 * drops the oldest.
 */
export async function rotateWebhookSecret(
  ctx: ServiceContext,
  id: string,
): Promise<WebhookEndpointWithSecret> {
  await findEndpoint(ctx.db, id);
  const secret = newWebhookSecret();
  const graceSeconds = settingsOf(ctx).secretGraceSeconds;
  // The app role may write secrets but not read them: a trigger moves the
  // old one to previous_secret when an expiry for it is set (or drops it).
  const endpoint = await ctx.db.webhookEndpoint.update({
    where: { id },
    data: {
      secret: sealWebhookSecret(secret, id, ctx.deps.encryptionKeys),
      previousSecretExpiresAt: graceSeconds > 0 ? new Date(Date.now() + graceSeconds * 1000) : null,
    },
    select: endpointSelect,
  });
  await recordActivity(ctx.db, ctx.actor, {
    action: "webhook.rotate_secret",
    entityType: "webhook_endpoint",
    entityId: id,
  });
  return { endpoint, secret };
}
