import { randomUUID } from "node:crypto";

import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { closeRedis, createRateLimiter, createRedisClient } from "../src";

const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";

/** The URL without credentials, fit for a log line. */
function displayUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = "";
  parsed.password = "";
  return parsed.toString();
}

async function probe(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 500,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  client.on("error", () => undefined);
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 1_000));
  const ping = (async () => {
    await client.connect();
    await client.ping();
    return true;
  })().catch(() => false);
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    client.disconnect();
  }
}

const redisAvailable = await probe(redisUrl);
if (!redisAvailable)
  console.warn(`Redis not reachable at ${displayUrl(redisUrl)}: Redis tests skipped`);

describe.skipIf(!redisAvailable)("rate limiter on Redis", () => {
  // Two clients stand in for two app instances behind a load balancer.
  let instanceA: Redis;
  let instanceB: Redis;
  const keyPrefix = `test:rate-limit:${randomUUID()}`;

  beforeAll(async () => {
    instanceA = createRedisClient(redisUrl);
    instanceB = createRedisClient(redisUrl);
    await Promise.all([instanceA.connect(), instanceB.connect()]);
  });

  afterAll(async () => {
    const keys = await instanceA.keys(`${keyPrefix}*`);
    if (keys.length > 0) await instanceA.del(...keys);
    await Promise.all([closeRedis(instanceA), closeRedis(instanceB)]);
  });

  const limiters = (prefix: string, extra: { blockSeconds?: number } = {}) =>
    [instanceA, instanceB].map((redis) =>
      createRateLimiter({
        keyPrefix: `${keyPrefix}:${prefix}`,
        points: 4,
        durationSeconds: 60,
        redis,
        ...extra,
      }),
    ) as [ReturnType<typeof createRateLimiter>, ReturnType<typeof createRateLimiter>];

  it("shares one count between instances", async () => {
    const [a, b] = limiters("shared");
    expect(await a.consume("ip:1")).toEqual({ allowed: true, remaining: 3 });
    expect(await b.consume("ip:1")).toEqual({ allowed: true, remaining: 2 });
    expect(await a.consume("ip:1")).toEqual({ allowed: true, remaining: 1 });
    expect(await b.consume("ip:1")).toEqual({ allowed: true, remaining: 0 });
    const refusedA = await a.consume("ip:1");
    const refusedB = await b.consume("ip:1");
    expect(refusedA).toMatchObject({ allowed: false });
    expect(refusedB).toMatchObject({ allowed: false });
    if (refusedA.allowed) return;
    expect(refusedA.retryAfterSeconds).toBeGreaterThan(0);
    expect(refusedA.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Other keys are unaffected.
    expect(await b.consume("ip:2")).toEqual({ allowed: true, remaining: 3 });
  });

  it("stores the count in Redis under the key prefix", async () => {
    const [a] = limiters("stored");
    await a.consume("k");
    expect(await instanceB.get(`${keyPrefix}:stored:k`)).toBe("1");
  });

  it("a reset on one instance clears the count for all", async () => {
    const [a, b] = limiters("reset");
    for (let i = 0; i < 5; i++) await a.consume("user@example.com");
    expect((await b.consume("user@example.com")).allowed).toBe(false);
    await a.reset("user@example.com");
    expect(await b.consume("user@example.com")).toEqual({ allowed: true, remaining: 3 });
  });

  it("blocks for blockSeconds on every instance", async () => {
    const [a, b] = limiters("block", { blockSeconds: 300 });
    for (let i = 0; i < 5; i++) await a.consume("k");
    const refused = await b.consume("k");
    expect(refused).toMatchObject({ allowed: false });
    if (refused.allowed) return;
    expect(refused.retryAfterSeconds).toBeGreaterThan(60);
  });
});
