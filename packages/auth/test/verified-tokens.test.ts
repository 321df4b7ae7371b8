import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { VerifiedTokenCache } from "../src/verified-tokens";

const claims = (expiresAtSeconds: number) => ({
  userId: randomUUID(),
  sessionId: randomUUID(),
  expiresAtSeconds,
});

describe("VerifiedTokenCache", () => {
  it("answers a token until exp - tolerance is reached, then forgets it", () => {
    const cache = new VerifiedTokenCache();
    const entry = claims(1_000);
    cache.set("t", entry);
    expect(cache.get("t", 999, 0)).toBe(entry);
    expect(cache.get("t", 1_029, 30)).toBe(entry);
    expect(cache.get("t", 1_030, 30)).toBeNull();
    // Dropped: even an earlier clock no longer finds it.
    expect(cache.get("t", 0, 0)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it("answers nothing for a token it was not given", () => {
    const cache = new VerifiedTokenCache();
    cache.set("t", claims(1_000));
    expect(cache.get("u", 0, 0)).toBeNull();
  });

  it("keeps at most 10,000 tokens, dropping the oldest first", () => {
    const cache = new VerifiedTokenCache();
    for (let i = 0; i <= 10_000; i += 1) cache.set(`t${i}`, claims(1_000));
    expect(cache.size).toBe(10_000);
    expect(cache.get("t0", 0, 0)).toBeNull();
    expect(cache.get("t1", 0, 0)).not.toBeNull();
    expect(cache.get("t10000", 0, 0)).not.toBeNull();
  });
});
