import { describe, expect, it } from "vitest";

import { EnvError } from "@fastnext/config";

import {
  accessTokenConfig,
  derivedKeyId,
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
      AUTH_JWT_ISSUER: "fastnext",
      AUTH_JWT_AUDIENCE: "fastnext-api",
      AUTH_ACCESS_TOKEN_TTL_SECONDS: 900,
      AUTH_REFRESH_TOKEN_TTL_DAYS: 30,
      AUTH_CLOCK_SKEW_SECONDS: 30,
      NODE_ENV: "development",
      jwtKeys: [{ kid: derivedKeyId(DEVELOPMENT_JWT_SECRET), secret: DEVELOPMENT_JWT_SECRET }],
      encryptionKeys: [
        {
          kid: derivedKeyId(DEVELOPMENT_ENCRYPTION_KEY),
          key: Buffer.from(DEVELOPMENT_ENCRYPTION_KEY, "base64"),
        },
      ],
    });
  });

  it("refuses to run in production without AUTH_JWT_SECRETS or AUTH_JWT_SECRET", () => {
    const error = failure({ NODE_ENV: "production", AUTH_ENCRYPTION_KEY: KEY });
    expect(error.problems.map((p) => p.variable)).toEqual(["AUTH_JWT_SECRETS"]);
    expect(error.message).toMatch(
      /AUTH_JWT_SECRETS: AUTH_JWT_SECRETS \(or AUTH_JWT_SECRET\) must be set/,
    );
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
    expect(env.jwtKeys).toEqual([{ kid: derivedKeyId(secret), secret }]);
    expect(env.encryptionKeys).toEqual([
      { kid: derivedKeyId(KEY), key: Buffer.from(KEY, "base64") },
    ]);
  });

  it("refuses to run in production without AUTH_ENCRYPTION_KEY, or with the public default", () => {
    const secret = "p".repeat(48);
    for (const key of [undefined, "", DEVELOPMENT_ENCRYPTION_KEY]) {
      const source: Record<string, string> = { NODE_ENV: "production", AUTH_JWT_SECRET: secret };
      if (key !== undefined) source.AUTH_ENCRYPTION_KEY = key;
      expect(failure(source).problems.map((p) => p.variable)).toEqual([
        key === DEVELOPMENT_ENCRYPTION_KEY ? "AUTH_ENCRYPTION_KEY" : "AUTH_ENCRYPTION_KEYS",
      ]);
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
      "AUTH_ENCRYPTION_KEYS",
      "AUTH_JWT_SECRETS",
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
      keys: [{ kid: derivedKeyId(DEVELOPMENT_JWT_SECRET), secret: DEVELOPMENT_JWT_SECRET }],
      issuer: "fastnext",
      audience: "fastnext-api",
      ttlSeconds: 300,
      clockSkewSeconds: 5,
    });
  });
});

describe("key sets (AUTH_JWT_SECRETS, AUTH_ENCRYPTION_KEYS)", () => {
  const OLD_SECRET = "o".repeat(40);
  const NEW_SECRET = "n".repeat(40);
  const OLD_KEY = Buffer.alloc(32, 1).toString("base64");
  const NEW_KEY = Buffer.alloc(32, 2).toString("base64");

  it("lists keys newest first, each under its id", () => {
    const env = readAuthEnv({
      NODE_ENV: "production",
      AUTH_JWT_SECRETS: `j2:${NEW_SECRET}, j1:${OLD_SECRET}`,
      AUTH_ENCRYPTION_KEYS: `e2:${NEW_KEY},e1:${OLD_KEY}`,
    });
    expect(env.jwtKeys).toEqual([
      { kid: "j2", secret: NEW_SECRET },
      { kid: "j1", secret: OLD_SECRET },
    ]);
    expect(
      env.encryptionKeys.map(({ kid, key }) => [kid, Buffer.from(key).toString("base64")]),
    ).toEqual([
      ["e2", NEW_KEY],
      ["e1", OLD_KEY],
    ]);
  });

  it("gives a single key a stable id of its own, different for another key", () => {
    const a = readAuthEnv({ AUTH_JWT_SECRET: OLD_SECRET, AUTH_ENCRYPTION_KEY: OLD_KEY });
    const b = readAuthEnv({ AUTH_JWT_SECRET: OLD_SECRET, AUTH_ENCRYPTION_KEY: OLD_KEY });
    expect(a.jwtKeys[0].kid).toBe(b.jwtKeys[0].kid);
    expect(a.jwtKeys[0].kid).toMatch(/^k[0-9a-f]{10}$/);
    expect(a.encryptionKeys[0].kid).toBe(derivedKeyId(OLD_KEY));
    expect(readAuthEnv({ AUTH_JWT_SECRET: NEW_SECRET }).jwtKeys[0].kid).not.toBe(a.jwtKeys[0].kid);
    // The same key listed under its derived id is the same key.
    expect(
      readAuthEnv({ AUTH_JWT_SECRETS: `${derivedKeyId(OLD_SECRET)}:${OLD_SECRET}` }).jwtKeys,
    ).toEqual(a.jwtKeys);
  });

  it("names each bad entry, without printing a secret", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [
        { AUTH_JWT_SECRETS: `a:${NEW_SECRET},a:${OLD_SECRET}` },
        /AUTH_JWT_SECRETS: key id "a" is listed twice/,
      ],
      [
        { AUTH_JWT_SECRETS: `a:short` },
        /AUTH_JWT_SECRETS: key "a": must be at least 32 characters/,
      ],
      [{ AUTH_JWT_SECRETS: NEW_SECRET }, /AUTH_JWT_SECRETS: entry 1 must be kid:key/],
      [{ AUTH_JWT_SECRETS: `a:${NEW_SECRET},` }, /AUTH_JWT_SECRETS: entry 2 is empty/],
      [{ AUTH_JWT_SECRETS: " , " }, /AUTH_JWT_SECRETS: entry 1 is empty/],
      [{ AUTH_JWT_SECRETS: `a b:${NEW_SECRET}` }, /AUTH_JWT_SECRETS: entry 1: the key id must be/],
      [
        { AUTH_ENCRYPTION_KEYS: `e1:${OLD_KEY},e1:${NEW_KEY}` },
        /AUTH_ENCRYPTION_KEYS: key id "e1" is listed twice/,
      ],
      [
        { AUTH_ENCRYPTION_KEYS: `e1:${Buffer.alloc(16).toString("base64")}` },
        /AUTH_ENCRYPTION_KEYS: key "e1": must be 32 random bytes/,
      ],
    ];
    for (const [source, message] of cases) {
      const error = failure(source);
      expect(error.message, JSON.stringify(source)).toMatch(message);
      for (const secret of [NEW_SECRET, OLD_SECRET, NEW_KEY, OLD_KEY])
        expect(error.message).not.toContain(secret);
    }
  });

  it("refuses a list and its single-key form together", () => {
    expect(
      failure({ AUTH_JWT_SECRETS: `a:${NEW_SECRET}`, AUTH_JWT_SECRET: OLD_SECRET }).message,
    ).toMatch(/AUTH_JWT_SECRETS: set either AUTH_JWT_SECRETS or AUTH_JWT_SECRET, not both/);
    expect(
      failure({ AUTH_ENCRYPTION_KEYS: `e:${NEW_KEY}`, AUTH_ENCRYPTION_KEY: OLD_KEY }).message,
    ).toMatch(/AUTH_ENCRYPTION_KEYS: set either/);
  });

  it("refuses the development key anywhere in a production list", () => {
    const jwt = failure({
      NODE_ENV: "production",
      AUTH_JWT_SECRETS: `new:${NEW_SECRET},old:${DEVELOPMENT_JWT_SECRET}`,
      AUTH_ENCRYPTION_KEYS: `new:${NEW_KEY},old:${DEVELOPMENT_ENCRYPTION_KEY}`,
    });
    expect(jwt.problems).toEqual([
      { variable: "AUTH_JWT_SECRETS", message: expect.stringMatching(/public development secret/) },
      {
        variable: "AUTH_ENCRYPTION_KEYS",
        message: expect.stringMatching(/public development key/),
      },
    ]);
  });
});
