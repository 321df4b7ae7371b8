import { describe, expect, it } from "vitest";

import { EnvError } from "@fastnext/config";

import {
  bearerMatches,
  createApiMetrics,
  createRegistry,
  metricsResponse,
  TrafficWindow,
} from "../src";
import { readMetricsEnv, readMetricsTokenEnv } from "../src/env";

describe("the metrics configuration", () => {
  it("is off by default", () => {
    expect(readMetricsEnv({})).toEqual({ token: null, address: null });
    expect(readMetricsTokenEnv({ METRICS_TOKEN: "" })).toEqual({ token: null });
  });

  it("reads a token and a host:port address, IPv6 in brackets", () => {
    expect(
      readMetricsEnv({ METRICS_TOKEN: "a".repeat(16), METRICS_ADDRESS: "0.0.0.0:9464" }),
    ).toEqual({ token: "a".repeat(16), address: { host: "0.0.0.0", port: 9464 } });
    expect(readMetricsEnv({ METRICS_ADDRESS: "[::1]:9100" }).address).toEqual({
      host: "::1",
      port: 9100,
    });
  });

  it.each([
    ["METRICS_TOKEN", "too-short"],
    ["METRICS_TOKEN", "has a space in the middle"],
    ["METRICS_ADDRESS", "9464"],
    ["METRICS_ADDRESS", "host:99999"],
    ["METRICS_ADDRESS", "host:"],
  ])("refuses %s=%j with the variable's name", (variable, value) => {
    try {
      readMetricsEnv({ [variable]: value });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      expect((error as EnvError).problems.map((p) => p.variable)).toEqual([variable]);
    }
  });
});

describe("the bearer check", () => {
  const token = "the-right-token-0123456789";
  it.each([
    [null, false],
    ["", false],
    ["Bearer", false],
    ["Bearer ", false],
    [`Bearer ${token}x`, false],
    [`Bearer ${token.slice(1)}`, false],
    [`Basic ${token}`, false],
    [`Bearer ${token}`, true],
    [`bearer ${token}`, true],
  ])("%j → %s", (header, expected) => {
    expect(bearerMatches(header, token)).toBe(expected);
  });
});

describe("the exposition", () => {
  const registry = createRegistry();
  createApiMetrics(registry);
  const get = (authorization?: string, method = "GET") =>
    metricsResponse(
      { method, headers: new Headers(authorization ? { authorization } : {}) },
      { registry, token: "the-right-token-0123456789" },
    );

  it("answers 401 without the token, the registry with it", async () => {
    expect((await get()).status).toBe(401);
    const ok = await get("Bearer the-right-token-0123456789");
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("# TYPE fastnext_trpc_calls_total counter");
  });

  it("needs a registry with the tRPC call metrics for the traffic window", () => {
    expect(() => new TrafficWindow(createRegistry())).toThrow(/no tRPC call metrics/);
  });

  it("refuses other methods", async () => {
    expect((await get("Bearer the-right-token-0123456789", "POST")).status).toBe(405);
  });
});

describe("the admin page's traffic window", () => {
  it("rates calls, server errors and p95 against the reading five minutes back", async () => {
    const metrics = createApiMetrics(createRegistry());
    const window = new TrafficWindow(metrics.registry);
    const start = Date.now();
    const first = await window.read(start);
    expect(first).toMatchObject({ requestsPerSecond: 0, errorRatio: 0, p95Seconds: null });

    const call = (code: string, seconds: number) =>
      metrics.call({ procedure: "projects.list", type: "query", code }, seconds, 3);
    for (let i = 0; i < 18; i += 1) call("OK", 0.02);
    call("INTERNAL_SERVER_ERROR", 0.3);
    call("FORBIDDEN", 0.3);
    const later = await window.read(start + 20_000);
    expect(later.windowSeconds).toBe(20);
    expect(later.requestsPerSecond).toBeCloseTo(20 / 20);
    // A refusal is the client's doing: only the 500 counts as an error.
    expect(later.errorRatio).toBeCloseTo(1 / 20);
    // 18 of 20 (90 %) at most 25 ms: the 95th percentile is in the 0.5 s bucket.
    expect(later.p95Seconds).toBe(0.5);
    for (let i = 0; i < 80; i += 1) call("OK", 0.004);
    const third = await window.read(start + 40_000);
    expect(third.p95Seconds).toBe(0.025);
  });
});
