import { describe, expect, it } from "vitest";

import { EnvError } from "@fastnext/config";

import { DEVELOPMENT_ENCRYPTION_KEY, readAuthEnv, readEncryptionKeyRing } from "../src";

const KEY = Buffer.alloc(32, 9).toString("base64");

describe("readEncryptionKeyRing", () => {
  it("reads the same ring as readAuthEnv, without the token secrets", () => {
    const source = { AUTH_ENCRYPTION_KEYS: `new:${KEY},old:${DEVELOPMENT_ENCRYPTION_KEY}` };
    const ring = readEncryptionKeyRing(source);
    expect(ring.map((key) => key.kid)).toEqual(["new", "old"]);
    expect(ring).toEqual(readAuthEnv(source).encryptionKeys);
    // Production asks for no JWT secret here: only the ring is read.
    expect(
      readEncryptionKeyRing({ NODE_ENV: "production", AUTH_ENCRYPTION_KEY: KEY }).map(
        (key) => key.kid,
      ),
    ).toHaveLength(1);
  });

  it.each([
    ["production without a key", { NODE_ENV: "production" }],
    [
      "production with the public development key",
      { NODE_ENV: "production", AUTH_ENCRYPTION_KEY: DEVELOPMENT_ENCRYPTION_KEY },
    ],
    ["both forms at once", { AUTH_ENCRYPTION_KEY: KEY, AUTH_ENCRYPTION_KEYS: `a:${KEY}` }],
    ["a key of the wrong length", { AUTH_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") }],
  ])("refuses %s, naming the variable", (_name, source) => {
    let caught: unknown;
    try {
      readEncryptionKeyRing(source);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    expect((caught as EnvError).message).toMatch(/AUTH_ENCRYPTION_KEY/);
  });
});
