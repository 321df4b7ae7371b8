import { type RateLimiter } from "@fastnext/rate-limit";

import { AppError } from "../errors";

/** Spends one point; refuses with RATE_LIMITED and when to retry. */
export async function spend(limiter: RateLimiter, key: string, what: string): Promise<void> {
  const outcome = await limiter.consume(key);
  if (outcome.allowed) return;
  throw new AppError("RATE_LIMITED", `Too many ${what}. Try again later.`, {
    reason: "rate_limited",
    details: { retryAfterSeconds: outcome.retryAfterSeconds },
  });
}
