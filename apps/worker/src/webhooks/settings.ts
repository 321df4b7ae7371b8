import type PgBoss from "pg-boss";

import { type EncryptionKeyRing } from "@fastnext/auth";
import { type WebhookAllowList } from "@fastnext/core/webhooks";
import { QUEUES } from "@fastnext/events";

/** How this worker delivers webhooks (WEBHOOK_* variables). */
export interface WebhookDeliverySettings {
  /** Non-public destinations that may be reached anyway. */
  allowList: WebhookAllowList;
  /** Opens the endpoints' sealed secrets (AUTH_ENCRYPTION_KEYS). */
  encryptionKeys: EncryptionKeyRing;
  timeoutMs: number;
  /** Retries after the first attempt. */
  retryLimit: number;
  /** Before the first retry; pg-boss doubles it each time and adds up to as much again at random. */
  retryDelaySeconds: number;
  /** Failed attempts in a row that disable an endpoint. */
  disableAfterFailures: number;
  /** How much of a response body is kept in the delivery log. */
  maxResponseBytes: number;
}

export const RESPONSE_BODY_LIMIT_BYTES = 4096;

/**
 * The queue options of a delivery job. A job is given up on (and retried)
 * once it has run well past the request time-out: its worker died. The
 * margin keeps a live but slow attempt from being run twice at once.
 */
export function webhookJobOptions(settings: WebhookDeliverySettings) {
  return {
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: Math.ceil(settings.timeoutMs / 1000) + 10,
  };
}

/** Writes the configured retry settings onto the delivery queue's row. */
export async function applyWebhookQueueSettings(
  boss: PgBoss,
  settings: WebhookDeliverySettings,
): Promise<void> {
  await boss.updateQueue(QUEUES.webhookDelivery, {
    name: QUEUES.webhookDelivery,
    policy: "standard",
    ...webhookJobOptions(settings),
  });
}
