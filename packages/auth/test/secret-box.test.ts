import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { decryptSecret, encryptSecret, SecretDecryptionError, secretDigest } from "../src";

const key = randomBytes(32);

describe("sealed secrets (AES-256-GCM)", () => {
  it("round-trips, with a fresh IV every time", () => {
    const a = encryptSecret("JBSWY3DPEHPK3PXP", { key, context: "user-1" });
    const b = encryptSecret("JBSWY3DPEHPK3PXP", { key, context: "user-1" });
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain("JBSWY3DPEHPK3PXP");
    expect(decryptSecret(a, { key, context: "user-1" })).toBe("JBSWY3DPEHPK3PXP");
  });

  it("refuses another key, another context, a tampered value and garbage", () => {
    const sealed = encryptSecret("seed", { key, context: "user-1" });
    expect(() => decryptSecret(sealed, { key: randomBytes(32), context: "user-1" })).toThrow(
      SecretDecryptionError,
    );
    expect(() => decryptSecret(sealed, { key, context: "user-2" })).toThrow(SecretDecryptionError);
    const body = Buffer.from(sealed.slice(3), "base64url");
    body[body.length - 1] = (body[body.length - 1] ?? 0) ^ 1;
    expect(() =>
      decryptSecret(`v1.${body.toString("base64url")}`, { key, context: "user-1" }),
    ).toThrow(SecretDecryptionError);
    for (const junk of ["", "v1.", "v2.abc", "v1.AAAA", `${sealed}.x`]) {
      expect(() => decryptSecret(junk, { key })).toThrow(SecretDecryptionError);
    }
  });

  it("uses the development key from the environment by default", () => {
    expect(decryptSecret(encryptSecret("seed"))).toBe("seed");
  });

  it("digests deterministically under the key, differently under another", () => {
    expect(secretDigest("abcde-fghij", { key })).toBe(secretDigest("abcde-fghij", { key }));
    expect(secretDigest("abcde-fghij", { key })).toMatch(/^[0-9a-f]{64}$/);
    expect(secretDigest("abcde-fghij", { key })).not.toBe(
      secretDigest("abcde-fghij", { key: randomBytes(32) }),
    );
  });
});
