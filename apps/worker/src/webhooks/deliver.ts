import {
  openWebhookSecret,
  WEBHOOK_HEADERS,
  webhookSignatureHeader,
} from "@fastnext/core/webhooks";
import { type PrismaClient } from "@fastnext/db";
import { NOTIFICATION_CHANNEL } from "@fastnext/events";

import { type WorkerContext } from "../handlers";
import { sendWebhookRequest, WebhookDestinationRefused, type OutboundResponse } from "./outbound";

export type DeliveryOutcome = "succeeded" | "failed" | "cancelled" | "already_done" | "missing";

/** Thrown after a failed attempt that has retries left: the queue retries the job, backing off. */
export class WebhookAttemptFailed extends Error {
  constructor(
    readonly deliveryId: string,
    reason: string,
  ) {
    super(`webhook delivery ${deliveryId} failed: ${reason}`);
    this.name = "WebhookAttemptFailed";
  }
}

/** Which try of the job this is (pg-boss counts retries from 0). */
export interface DeliveryAttempt {
  retryCount: number;
  retryLimit: number;
}

const ERROR_LIMIT = 1000;

async function loadDelivery(db: PrismaClient, id: string) {
  return db.webhookDelivery.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      eventName: true,
      body: true,
      endpoint: {
        select: {
          id: true,
          url: true,
          enabled: true,
          secret: true,
          previousSecret: true,
          previousSecretExpiresAt: true,
        },
      },
    },
  });
}

type LoadedDelivery = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>;

/** The current secret, and the one before a rotation while its grace period runs. */
function signingSecrets(endpoint: LoadedDelivery["endpoint"], ctx: WorkerContext): string[] {
  const keys = ctx.webhooks.encryptionKeys;
  const secrets = [openWebhookSecret(endpoint.secret, endpoint.id, keys)];
  if (
    endpoint.previousSecret &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > new Date()
  )
    secrets.push(openWebhookSecret(endpoint.previousSecret, endpoint.id, keys));
  return secrets;
}

/**
 * One attempt of one delivery. The attempt is counted (committed) before
 * the request goes out, so a worker killed while it waits for the answer
 * leaves a visible attempt, and the job (given up on after its time-out)
 * is tried once more, with the same id and body. Nothing runs inside a
 * transaction while the request is in flight.
 */
export async function deliverWebhook(
  deliveryId: string,
  ctx: WorkerContext,
  attempt: DeliveryAttempt,
): Promise<DeliveryOutcome> {
  const { db } = ctx;
  const delivery = await loadDelivery(db, deliveryId);
  if (!delivery) return "missing";
  if (delivery.status !== "pending") return "already_done";
  if (!delivery.endpoint.enabled) {
    await db.webhookDelivery.updateMany({
      where: { id: deliveryId, status: "pending" },
      data: { status: "cancelled", lastError: "the endpoint is disabled" },
    });
    return "cancelled";
  }
  const { count } = await db.webhookDelivery.updateMany({
    where: { id: deliveryId, status: "pending" },
    data: { attempts: { increment: 1 }, lastAttemptAt: new Date() },
  });
  if (count === 0) return "already_done";

  const timestamp = Math.floor(Date.now() / 1000);
  const log = ctx.log.child({
    deliveryId,
    endpointId: delivery.endpoint.id,
    try: attempt.retryCount + 1,
  });
  let response: OutboundResponse | null = null;
  let failure: string | null = null;
  let permanent = false;
  try {
    response = await sendWebhookRequest(
      {
        url: delivery.endpoint.url,
        body: delivery.body,
        headers: {
          [WEBHOOK_HEADERS.id]: delivery.id,
          [WEBHOOK_HEADERS.event]: delivery.eventName,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: webhookSignatureHeader(
            signingSecrets(delivery.endpoint, ctx),
            timestamp,
            delivery.body,
          ),
        },
      },
      {
        allowList: ctx.webhooks.allowList,
        timeoutMs: ctx.webhooks.timeoutMs,
        maxResponseBytes: ctx.webhooks.maxResponseBytes,
      },
    );
    if (response.status < 200 || response.status > 299)
      failure = `the endpoint answered ${response.status}`;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    // The address policy will refuse again: retrying only delays the verdict.
    permanent = error instanceof WebhookDestinationRefused;
  }

  const result = {
    responseStatus: response?.status ?? null,
    responseTimeMs: response?.elapsedMs ?? null,
    responseBody: response?.body ?? null,
    lastError: failure?.slice(0, ERROR_LIMIT) ?? null,
  };
  if (failure === null) {
    await db.$transaction([
      db.webhookDelivery.update({
        where: { id: deliveryId },
        data: { ...result, status: "succeeded", deliveredAt: new Date() },
      }),
      db.webhookEndpoint.updateMany({
        where: { id: delivery.endpoint.id },
        data: { consecutiveFailures: 0 },
      }),
    ]);
    log.info({ status: response?.status, ms: response?.elapsedMs }, "webhook delivered");
    return "succeeded";
  }

  const disabled = await recordFailure(db, delivery.endpoint.id, ctx);
  const final = permanent || disabled || attempt.retryCount >= attempt.retryLimit;
  await db.webhookDelivery.update({
    where: { id: deliveryId },
    data: { ...result, ...(final ? { status: "failed" as const } : {}) },
  });
  log.warn(
    { status: response?.status ?? null, ms: response?.elapsedMs ?? null, error: failure, final },
    "webhook attempt failed",
  );
  if (final) return "failed";
  throw new WebhookAttemptFailed(deliveryId, failure);
}

/**
 * Counts a failed attempt against the endpoint; at the limit disables it
 * and tells its owners (its creator, and a project's owners), in one
 * transaction. Returns whether the endpoint is disabled now.
 */
async function recordFailure(
  db: PrismaClient,
  endpointId: string,
  ctx: WorkerContext,
): Promise<boolean> {
  const limit = ctx.webhooks.disableAfterFailures;
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      {
        failures: number;
        disabled_now: boolean;
        url: string;
        project_id: string | null;
        created_by_id: string | null;
      }[]
    >`
      WITH before AS (
        SELECT id, enabled FROM webhook_endpoints WHERE id = ${endpointId}::uuid FOR UPDATE
      )
      UPDATE webhook_endpoints e
         SET consecutive_failures = e.consecutive_failures + 1,
             enabled = e.enabled AND e.consecutive_failures + 1 < ${limit}::int,
             disabled_at = CASE WHEN e.enabled AND e.consecutive_failures + 1 >= ${limit}::int
                                THEN now() ELSE e.disabled_at END,
             disabled_reason = CASE WHEN e.enabled AND e.consecutive_failures + 1 >= ${limit}::int
                                    THEN ${`${limit} failed attempts in a row`} ELSE e.disabled_reason END
        FROM before b
       WHERE e.id = b.id
      RETURNING e.consecutive_failures AS failures,
                (b.enabled AND NOT e.enabled) AS disabled_now,
                e.url, e.project_id, e.created_by_id`;
    if (!row) return true;
    if (!row.disabled_now) return row.failures >= limit;
    const owners = await tx.$queryRaw<{ id: string }[]>`
      SELECT u.id FROM users u
       WHERE u.is_active
         AND (u.id = ${row.created_by_id}::uuid
              OR u.id IN (SELECT m.user_id FROM project_members m
                           WHERE m.project_id = ${row.project_id}::uuid AND m.role = 'owner'))`;
    if (owners.length > 0) {
      await tx.notification.createMany({
        data: owners.map((owner) => ({
          userId: owner.id,
          kind: "webhook.disabled",
          title: "A webhook endpoint was disabled",
          body: `${row.url} failed ${row.failures} times in a row and no longer receives events. Fix the receiver, then enable the endpoint again.`,
          data: { endpointId, projectId: row.project_id },
        })),
      });
      for (const owner of owners)
        await tx.$executeRaw`SELECT pg_notify(${NOTIFICATION_CHANNEL}, ${owner.id})`;
    }
    ctx.log.warn({ endpointId, failures: row.failures }, "webhook endpoint disabled");
    return true;
  });
}
