import { randomUUID } from "node:crypto";

import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { closeRedis, createRedisClient, RedisWriteMarks } from "../src";

const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";

async function reachable(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 500,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const redisAvailable = await reachable(redisUrl);
if (!redisAvailable) console.warn("Redis not reachable: write-mark tests skipped");

describe.skipIf(!redisAvailable)("write marks in Redis", () => {
  // Two clients stand in for two app instances.
  let a: Redis;
  let b: Redis;
  beforeAll(async () => {
    a = createRedisClient(redisUrl);
    b = createRedisClient(redisUrl);
    await Promise.all([a.connect(), b.connect()]);
  });
  afterAll(async () => {
    await Promise.all([closeRedis(a), closeRedis(b)]);
  });

  it("a mark raised through one instance is read through the other, and never lowered", async () => {
    const caller = randomUUID();
    const [one, two] = [new RedisWriteMarks(a), new RedisWriteMarks(b)];
    expect(await two.latest(caller)).toBeNull();
    const high = (0x16n << 32n) + 0xb374d848n;
    await one.raise(caller, high, 10_000);
    expect(await two.latest(caller)).toBe(high);
    // A write that committed earlier but reported later keeps the later position.
    await two.raise(caller, high - 1n, 10_000);
    expect(await one.latest(caller)).toBe(high);
    await two.raise(caller, high + 8n, 10_000);
    expect(await one.latest(caller)).toBe(high + 8n);
  });

  it("a mark expires after its time", async () => {
    const caller = randomUUID();
    const marks = new RedisWriteMarks(a);
    await marks.raise(caller, 42n, 50);
    expect(await marks.latest(caller)).toBe(42n);
    await vi.waitFor(async () => expect(await marks.latest(caller)).toBeNull(), {
      timeout: 2_000,
      interval: 20,
    });
  });
});
