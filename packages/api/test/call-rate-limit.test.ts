import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { closeRedis, createRateLimiter, createRedisClient } from "@fastnext/rate-limit";
import { clientFor, failure, signUp, startApi, type TestApi } from "@fastnext/test-support";

import { type AppRouter } from "../src/root";

/** GET of one or more queries, as tRPC's batch link sends it, to read status and headers. */
function batchedGet(api: TestApi, accessToken: string, paths: string[]) {
  const input = encodeURIComponent(
    JSON.stringify(Object.fromEntries(paths.map((_, i) => [i, {}]))),
  );
  return fetch(`${api.url}/${paths.join(",")}?batch=1&input=${input}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

describe("the general limit on signed-in calls (memory)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ callsPerUser: 3 });
  }, 60_000);
  afterAll(async () => {
    await api.close();
  });

  it("refuses a user's calls past the limit with 429, Retry-After, and no database work", async () => {
    const ada = await signUp(api, "Ada");
    for (let i = 0; i < 3; i += 1) await ada.client.users.me.query();

    const refused = await failure(ada.client.users.me.query());
    expect(refused.data).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      httpStatus: 429,
      reason: "rate_limited",
    });
    const retry = (refused.data?.details as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);

    const { statements, result } = await api.statements.during(() =>
      batchedGet(api, ada.accessToken, ["users.me"]),
    );
    expect(result.status).toBe(429);
    expect(Number(result.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(statements).toBe(0);
  });

  it("counts each user on their own, and public procedures not at all", async () => {
    const grace = await signUp(api, "Grace");
    expect((await grace.client.users.me.query()).user.id).toBe(grace.id);
    for (let i = 0; i < 5; i += 1)
      expect((await api.client().system.health.query()).status).toBe("ok");
  });

  it("answers a batch call by call: the calls within the limit succeed, Retry-After is on the response", async () => {
    const linus = await signUp(api, "Linus");
    await linus.client.users.me.query();
    await linus.client.users.me.query();
    // One point left: of a batch of two, one is served and one refused.
    const response = await batchedGet(api, linus.accessToken, ["users.me", "users.me"]);
    expect(response.status).toBe(207);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    const results = (await response.json()) as (
      { result: unknown } | { error: { json: { data: { code: string } } } }
    )[];
    const codes = results.map((r) => ("error" in r ? r.error.json.data.code : "OK")).sort();
    expect(codes).toEqual(["OK", "TOO_MANY_REQUESTS"]);

    // Through the typed batch client the same: one value, one error.
    const batch = clientFor<AppRouter>(api.url, true, linus.accessToken);
    const settled = await Promise.allSettled([batch.users.me.query(), batch.system.health.query()]);
    expect(settled.map((s) => s.status)).toEqual(["rejected", "fulfilled"]);
  });
});

describe("the per-address limit on signed-in calls", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ callsPerIp: 3 });
  }, 60_000);
  afterAll(async () => {
    await api.close();
  });

  it("counts the calls of all users from one address together", async () => {
    const [ada, grace] = [await signUp(api, "Ada"), await signUp(api, "Grace")];
    await ada.client.users.me.query();
    await grace.client.users.me.query();
    await ada.client.users.me.query();
    const refused = await failure(grace.client.users.me.query());
    expect(refused.data).toMatchObject({ code: "TOO_MANY_REQUESTS", httpStatus: 429 });
    expect(refused.message).toMatch(/from this address/);
  });
});

const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";

type Redis = ReturnType<typeof createRedisClient>;

async function redisReachable(url: string): Promise<boolean> {
  const client = createRedisClient(url, { onError: () => undefined });
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

const redisAvailable = await redisReachable(redisUrl);
if (!redisAvailable)
  console.warn(
    `Redis not reachable at ${new URL(redisUrl).host}: the Redis rate-limit test is skipped`,
  );

describe.skipIf(!redisAvailable)("the general limit on signed-in calls (Redis)", () => {
  let api: TestApi;
  let serverRedis: Redis;
  let otherInstance: Redis;
  const keyPrefix = `test:calls-user:${randomUUID()}`;

  beforeAll(async () => {
    api = await startApi();
    serverRedis = createRedisClient(redisUrl);
    otherInstance = createRedisClient(redisUrl);
    await Promise.all([serverRedis.connect(), otherInstance.connect()]);
    api.deps.limiters.callsPerUser = createRateLimiter({
      keyPrefix,
      points: 3,
      durationSeconds: 60,
      redis: serverRedis,
    });
  }, 60_000);
  afterAll(async () => {
    const keys = await otherInstance.keys(`${keyPrefix}*`);
    if (keys.length > 0) await otherInstance.del(...keys);
    await Promise.all([closeRedis(serverRedis), closeRedis(otherInstance)]);
    await api.close();
  });

  it("shares the count with other instances through Redis", async () => {
    const ada = await signUp(api, "Ada");
    // Another app instance, with the same limiter on the same Redis, served two of Ada's calls.
    const elsewhere = createRateLimiter({
      keyPrefix,
      points: 3,
      durationSeconds: 60,
      redis: otherInstance,
    });
    await elsewhere.consume(ada.id);
    await elsewhere.consume(ada.id);

    await ada.client.users.me.query();
    const refused = await failure(ada.client.users.me.query());
    expect(refused.data).toMatchObject({ code: "TOO_MANY_REQUESTS", httpStatus: 429 });
    expect(await otherInstance.exists(`${keyPrefix}:${ada.id}`)).toBe(1);
  });
});
