import { describe, expect, it } from "vitest";

import { EnvError } from "@fastnext/config";

import {
  accessTokenConfig,
  DEVELOPMENT_ENCRYPTION_KEY,
  DEVELOPMENT_JWT_SECRET,
  readAuthEnv,
} from "../src";

/** Production values for the secrets production requires. */
const KEY = Buffer.alloc(32, 7).toString("base64");

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
      AUTH_ENCRYPTION_KEY: DEVELOPMENT_ENCRYPTION_KEY,
      NODE_ENV: "development",
    });
  });

  it("refuses to run in production without AUTH_JWT_SECRET", () => {
    const error = failure({ NODE_ENV: "production", AUTH_ENCRYPTION_KEY: KEY });
    expect(error.problems.map((p) => p.variable)).toEqual(["AUTH_JWT_SECRET"]);
    expect(error.message).toMatch(/AUTH_JWT_SECRET: must be set/);
    expect(
      failure({ NODE_ENV: "production", AUTH_JWT_SECRET: "", AUTH_ENCRYPTION_KEY: KEY }).message,
    ).toContain("AUTH_JWT_SECRET");
    expect(
      failure({
        NODE_ENV: "production",
        AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET,
        AUTH_ENCRYPTION_KEY: KEY,
      }).message,
    ).toContain("AUTH_JWT_SECRET");
  });

  it("accepts production with a real secret", () => {
    const secret = "p".repeat(48);
    const env = readAuthEnv({
      NODE_ENV: "production",
      AUTH_JWT_SECRET: secret,
      AUTH_ENCRYPTION_KEY: KEY,
    });
    expect(env.AUTH_JWT_SECRET).toBe(secret);
    expect(env.AUTH_ENCRYPTION_KEY).toBe(KEY);
  });

  it("refuses to run in production without AUTH_ENCRYPTION_KEY, or with the public default", () => {
    const secret = "p".repeat(48);
    for (const key of [undefined, "", DEVELOPMENT_ENCRYPTION_KEY]) {
      const source: Record<string, string> = { NODE_ENV: "production", AUTH_JWT_SECRET: secret };
      if (key !== undefined) source.AUTH_ENCRYPTION_KEY = key;
      expect(failure(source).problems.map((p) => p.variable)).toEqual(["AUTH_ENCRYPTION_KEY"]);
    }
  });

  it("rejects an encryption key that is not 32 bytes of base64", () => {
    for (const key of ["short", Buffer.alloc(16).toString("base64"), "!".repeat(44)]) {
      expect(failure({ AUTH_ENCRYPTION_KEY: key }).message).toMatch(
        /AUTH_ENCRYPTION_KEY: must be 32/,
      );
    }
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
      "AUTH_ENCRYPTION_KEY",
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
