import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The signature of one webhook request: HMAC-SHA256, keyed by the
 * endpoint's secret, over `<timestamp>.<body>` (the timestamp in Unix
 * seconds, the body byte for byte), hex. The timestamp is signed so a
 * captured request cannot be replayed later with a fresh one.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/**
 * The value of the signature header: `v1=<hex>` per signing secret,
 * separated by `, `. Two while a rotated secret's grace period runs
 * (newest first), so a receiver holding either verifies.
 */
export function webhookSignatureHeader(
  secrets: readonly string[],
  timestamp: number,
  body: string,
): string {
  return secrets.map((secret) => `v1=${webhookSignature(secret, timestamp, body)}`).join(", ");
}

export interface VerifyWebhookInput {
  secret: string;
  /** The signature header as received. */
  signature: string;
  /** The timestamp header as received. */
  timestamp: string;
  /** The raw body as received (not re-serialised JSON). */
  body: string;
  /** How old (or how far ahead) a timestamp may be; 300 s by default. */
  toleranceSeconds?: number;
  now?: Date;
}

/**
 * What a receiver does: true when the timestamp is recent and one of the
 * header's `v1` signatures is that of `secret` (compared in constant time).
 */
export function verifyWebhookSignature(input: VerifyWebhookInput): boolean {
  if (!/^\d{1,12}$/.test(input.timestamp)) return false;
  const timestamp = Number(input.timestamp);
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(webhookSignature(input.secret, timestamp, input.body), "hex");
  return input.signature.split(",").some((part) => {
    const match = /^v1=([0-9a-f]{64})$/.exec(part.trim());
    return match?.[1] !== undefined && timingSafeEqual(Buffer.from(match[1], "hex"), expected);
  });
}

/** The request headers of a webhook delivery, lower case as HTTP/2 and fetch see them. */
export const WEBHOOK_HEADERS = {
  /** The delivery's id: the same on every attempt, so a receiver can drop repeats. */
  id: "webhook-id",
  /** The event name, e.g. `project.member_added`, or `webhook.ping`. */
  event: "webhook-event",
  /** Unix seconds when this attempt was signed. */
  timestamp: "webhook-timestamp",
  signature: "webhook-signature",
} as const;
