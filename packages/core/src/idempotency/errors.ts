import { AppError } from "../errors";

/**
 * A key sent again with another change: a client bug, refused rather than
 * answered with the first change's result. Transitions and creates share it.
 */
export function idempotencyKeyReused(): AppError {
  return new AppError("CONFLICT", "This idempotency key was already used for another change", {
    reason: "idempotency_key_reused",
    fieldErrors: { idempotencyKey: ["Already used for another change"] },
  });
}
