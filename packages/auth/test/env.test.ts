import { describe, expect, it } from "vitest";

import { EnvError } from "@fastnext/config";

import { accessTokenConfig, DEVELOPMENT_JWT_SECRET, readAuthEnv } from "../src";

function failure(source: Record<string, string>): EnvError {
  let caught: unknown;
  try {
    readAuthEnv(source);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(EnvError);
  return caught as EnvError;
}

describe("readAuthEnv", () => {
  it("has development defaults", () => {
    expect(readAuthEnv({})).toEqual({
      AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET,
      AUTH_JWT_ISSUER: "fastnext",
      AUTH_JWT_AUDIENCE: "fastnext-api",
      AUTH_ACCESS_TOKEN_TTL_SECONDS: 900,
      AUTH_REFRESH_TOKEN_TTL_DAYS: 30,
      AUTH_CLOCK_SKEW_SECONDS: 30,
      NODE_ENV: "development",
    });
  });

  it("refuses to run in production without AUTH_JWT_SECRET", () => {
    const error = failure({ NODE_ENV: "production" });
    expect(error.problems.map((p) => p.variable)).toEqual(["AUTH_JWT_SECRET"]);
    expect(error.message).toMatch(/AUTH_JWT_SECRET: must be set/);
    expect(failure({ NODE_ENV: "production", AUTH_JWT_SECRET: "" }).message).toContain(
      "AUTH_JWT_SECRET",
    );
    expect(
      failure({ NODE_ENV: "production", AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET }).message,
    ).toContain("AUTH_JWT_SECRET");
  });

  it("accepts production with a real secret", () => {
    const secret = "p".repeat(48);
    expect(readAuthEnv({ NODE_ENV: "production", AUTH_JWT_SECRET: secret }).AUTH_JWT_SECRET).toBe(
      secret,
    );
  });

  it("names every bad variable together", () => {
    const error = failure({
      NODE_ENV: "production",
      AUTH_CLOCK_SKEW_SECONDS: "600",
      AUTH_ACCESS_TOKEN_TTL_SECONDS: "x",
    });
    expect(error.problems.map((p) => p.variable).sort()).toEqual([
      "AUTH_ACCESS_TOKEN_TTL_SECONDS",
      "AUTH_CLOCK_SKEW_SECONDS",
      "AUTH_JWT_SECRET",
    ]);
  });

  it("rejects a short secret", () => {
    expect(failure({ AUTH_JWT_SECRET: "short" }).message).toMatch(
      /AUTH_JWT_SECRET: must be at least 32/,
    );
  });

  it("maps to an access token config", () => {
    const env = readAuthEnv({ AUTH_ACCESS_TOKEN_TTL_SECONDS: "300", AUTH_CLOCK_SKEW_SECONDS: "5" });
    expect(accessTokenConfig(env)).toEqual({
      secret: DEVELOPMENT_JWT_SECRET,
      issuer: "fastnext",
      audience: "fastnext-api",
      ttlSeconds: 300,
      clockSkewSeconds: 5,
    });
  });
});
