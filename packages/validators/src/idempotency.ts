import { z } from "zod";

/**
 * A key the client chooses once per intended change and sends again with
 * every retry of it; the server answers a retry with the first answer. A
 * random UUID fits. Bounded and limited to characters that survive logs and
 * headers unchanged.
 */
export const ZIdempotencyKeySchema = z
  .string()
  .min(8)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, "Letters, digits and . _ : - only");

/** The input field every idempotent procedure accepts, beside its own fields. */
export const ZIdempotencyKeyInputSchema = z.object({
  idempotencyKey: ZIdempotencyKeySchema.optional(),
});
