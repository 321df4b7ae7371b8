import { type Redis } from "ioredis";
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";

export type RateLimitResult =
  { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiterOptions {
  /** Namespace of this limiter's keys, e.g. "login:ip". Distinct per limiter. */
  keyPrefix: string;
  /** Attempts allowed per window. */
  points: number;
  /** Length of the window. */
  durationSeconds: number;
  /** Once the points are spent, refuse the key for this long (default: until the window ends). */
  blockSeconds?: number;
  /** Shared store; counts then hold across app instances. Unset or null: this process only. */
  redis?: Redis | null;
  /**
   * With Redis: keep counting in process memory while Redis fails, so an
   * outage weakens limits to per-instance ones rather than lifting them.
   * Default true.
   */
  memoryFallback?: boolean;
  /**
   * The answer when the store fails and no fallback could count: "deny"
   * (default; right for login and anything guarding credentials) or "allow"
   * (for limits whose only job is load shedding).
   */
  onStoreError?: "allow" | "deny";
  /** Told about store failures that no fallback absorbed (in consume and reset), e.g. to log them. */
  onError?: (error: unknown) => void;
}

export interface RateLimiter {
  /** Spends one point for key. Never throws. */
  consume(key: string): Promise<RateLimitResult>;
  /**
   * Forgets key's count and block, e.g. after a successful login. Never
   * throws: a store failure goes to onError and the count simply expires.
   */
  reset(key: string): Promise<void>;
}

/** Seconds a refused caller is told to wait when the store itself failed. */
const STORE_ERROR_RETRY_AFTER_SECONDS = 1;

function positiveInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`${name} must be an integer >= ${min}`);
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { keyPrefix, points, durationSeconds, blockSeconds = 0, redis = null } = options;
  const onStoreError = options.onStoreError ?? "deny";
  if (keyPrefix === "") throw new RangeError("keyPrefix must not be empty");
  positiveInteger("points", points, 1);
  positiveInteger("durationSeconds", durationSeconds, 1);
  positiveInteger("blockSeconds", blockSeconds, 0);

  const limits = { keyPrefix, points, duration: durationSeconds, blockDuration: blockSeconds };
  const fallback =
    redis !== null && options.memoryFallback !== false ? new RateLimiterMemory(limits) : undefined;
  const limiter: RateLimiterAbstract =
    redis === null
      ? new RateLimiterMemory(limits)
      : new RateLimiterRedis({ ...limits, storeClient: redis, insuranceLimiter: fallback });

  return {
    async consume(key) {
      try {
        const res = await limiter.consume(key);
        return { allowed: true, remaining: res.remainingPoints };
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          return {
            allowed: false,
            retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
          };
        }
        options.onError?.(error);
        return onStoreError === "allow"
          ? { allowed: true, remaining: 0 }
          : { allowed: false, retryAfterSeconds: STORE_ERROR_RETRY_AFTER_SECONDS };
      }
    },

    async reset(key) {
      try {
        await limiter.delete(key);
        // Counts made in memory during a Redis outage are forgotten too.
        if (fallback) await fallback.delete(key);
      } catch (error) {
        options.onError?.(error);
      }
    },
  };
}
