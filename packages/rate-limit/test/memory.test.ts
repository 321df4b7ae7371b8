import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { createRateLimiter, type RateLimitResult } from "../src";

const prefix = () => `test:${randomUUID()}`;

async function consumeTimes(
  consume: () => Promise<RateLimitResult>,
  times: number,
): Promise<RateLimitResult[]> {
  const results: RateLimitResult[] = [];
  for (let i = 0; i < times; i++) results.push(await consume());
  return results;
}

describe("in-memory rate limiter", () => {
  it("allows N attempts, then refuses with a retry delay", async () => {
    const limiter = createRateLimiter({ keyPrefix: prefix(), points: 3, durationSeconds: 60 });
    const results = await consumeTimes(() => limiter.consume("ip:1"), 4);
    expect(results.slice(0, 3)).toEqual([
      { allowed: true, remaining: 2 },
      { allowed: true, remaining: 1 },
      { allowed: true, remaining: 0 },
    ]);
    const refused = results[3]!;
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("starts over after reset", async () => {
    const limiter = createRateLimiter({ keyPrefix: prefix(), points: 2, durationSeconds: 60 });
    await consumeTimes(() => limiter.consume("user@example.com"), 3);
    expect((await limiter.consume("user@example.com")).allowed).toBe(false);
    await limiter.reset("user@example.com");
    expect(await limiter.consume("user@example.com")).toEqual({ allowed: true, remaining: 1 });
  });

  it("counts each key separately", async () => {
    const limiter = createRateLimiter({ keyPrefix: prefix(), points: 1, durationSeconds: 60 });
    expect((await limiter.consume("a")).allowed).toBe(true);
    expect((await limiter.consume("a")).allowed).toBe(false);
    expect((await limiter.consume("b")).allowed).toBe(true);
  });

  it("counts each limiter separately", async () => {
    const login = createRateLimiter({ keyPrefix: prefix(), points: 1, durationSeconds: 60 });
    const reset = createRateLimiter({ keyPrefix: prefix(), points: 1, durationSeconds: 60 });
    expect((await login.consume("a")).allowed).toBe(true);
    expect((await reset.consume("a")).allowed).toBe(true);
  });

  it("keeps refusing for blockSeconds after the window ends", async () => {
    const limiter = createRateLimiter({
      keyPrefix: prefix(),
      points: 1,
      durationSeconds: 1,
      blockSeconds: 60,
    });
    await limiter.consume("k");
    const refused = await limiter.consume("k");
    expect(refused).toMatchObject({ allowed: false });
    if (refused.allowed) return;
    expect(refused.retryAfterSeconds).toBeGreaterThan(55);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await limiter.consume("k")).allowed).toBe(false);
  });

  it("without blockSeconds, allows again once the window ends", async () => {
    const limiter = createRateLimiter({ keyPrefix: prefix(), points: 1, durationSeconds: 1 });
    await consumeTimes(() => limiter.consume("k"), 2);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await limiter.consume("k")).allowed).toBe(true);
  });

  it("rejects nonsensical limits", () => {
    expect(() => createRateLimiter({ keyPrefix: "x", points: 0, durationSeconds: 60 })).toThrow(
      RangeError,
    );
    expect(() => createRateLimiter({ keyPrefix: "x", points: 1, durationSeconds: 0.5 })).toThrow(
      RangeError,
    );
    expect(() => createRateLimiter({ keyPrefix: "", points: 1, durationSeconds: 60 })).toThrow(
      RangeError,
    );
    expect(() =>
      createRateLimiter({ keyPrefix: "x", points: 1, durationSeconds: 1, blockSeconds: -1 }),
    ).toThrow(RangeError);
  });
});
