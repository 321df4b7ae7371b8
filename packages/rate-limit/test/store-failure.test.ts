import { randomUUID } from "node:crypto";

import { type Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";

import { closeRedis, createRateLimiter, createRedisClient } from "../src";

// No Redis is needed here: these clients point at a closed port or are
// closed before use, which is exactly the failure being tested.
const clients: Redis[] = [];

function unreachableRedis(): Redis {
  const client = createRedisClient("redis://127.0.0.1:1", { onError: () => undefined });
  clients.push(client);
  return client;
}

function closedRedis(): Redis {
  const client = unreachableRedis();
  client.disconnect();
  return client;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map(closeRedis));
});

describe("rate limiter when Redis fails", () => {
  it("falls back to per-process counting instead of lifting the limit", async () => {
    const errors: unknown[] = [];
    const limiter = createRateLimiter({
      keyPrefix: `test:${randomUUID()}`,
      points: 2,
      durationSeconds: 60,
      redis: unreachableRedis(),
      onError: (error) => errors.push(error),
    });
    expect(await limiter.consume("k")).toEqual({ allowed: true, remaining: 1 });
    expect(await limiter.consume("k")).toEqual({ allowed: true, remaining: 0 });
    expect((await limiter.consume("k")).allowed).toBe(false);
    await limiter.reset("k");
    expect((await limiter.consume("k")).allowed).toBe(true);
    // The fallback absorbed the failures; nothing reached onStoreError.
    expect(errors).toEqual([]);
  });

  it('denies by default when no fallback can count ("deny" suits login)', async () => {
    const errors: unknown[] = [];
    const limiter = createRateLimiter({
      keyPrefix: `test:${randomUUID()}`,
      points: 5,
      durationSeconds: 60,
      redis: closedRedis(),
      memoryFallback: false,
      onError: (error) => errors.push(error),
    });
    expect(await limiter.consume("k")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(Error);
    await expect(limiter.reset("k")).resolves.toBeUndefined();
    expect(errors).toHaveLength(2);
  });

  it('allows when told to with onStoreError: "allow"', async () => {
    const limiter = createRateLimiter({
      keyPrefix: `test:${randomUUID()}`,
      points: 5,
      durationSeconds: 60,
      redis: closedRedis(),
      memoryFallback: false,
      onStoreError: "allow",
    });
    expect(await limiter.consume("k")).toEqual({ allowed: true, remaining: 0 });
  });
});
