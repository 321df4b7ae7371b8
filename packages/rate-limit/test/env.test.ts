import { describe, expect, it } from "vitest";

import { readRateLimitEnv } from "../src";

describe("readRateLimitEnv", () => {
  it("leaves REDIS_URL optional", () => {
    expect(readRateLimitEnv({})).toEqual({});
    expect(readRateLimitEnv({ REDIS_URL: "" })).toEqual({});
  });

  it("accepts redis:// and rediss:// URLs only", () => {
    expect(readRateLimitEnv({ REDIS_URL: "redis://127.0.0.1:6379" }).REDIS_URL).toBe(
      "redis://127.0.0.1:6379",
    );
    expect(readRateLimitEnv({ REDIS_URL: "rediss://cache.internal:6380/1" }).REDIS_URL).toBe(
      "rediss://cache.internal:6380/1",
    );
    expect(() => readRateLimitEnv({ REDIS_URL: "http://127.0.0.1:6379" })).toThrow(
      /REDIS_URL: must be a redis:\/\//,
    );
  });
});
