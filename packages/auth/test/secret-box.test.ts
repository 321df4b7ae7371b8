import { createCipheriv, hkdfSync, randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import {
  decryptSecret,
  encryptSecret,
  SecretDecryptionError,
  secretDigest,
  secretDigestCandidates,
  type EncryptionKeyRing,
} from "../src";

const key = randomBytes(32);
const keys: EncryptionKeyRing = [{ kid: "k1", key }];
const newer: EncryptionKeyRing = [{ kid: "k2", key: randomBytes(32) }, ...keys];

function failure(run: () => unknown): SecretDecryptionError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SecretDecryptionError);
    return error as SecretDecryptionError;
  }
  throw new Error("expected a SecretDecryptionError");
}

/**
 * A value in the format sealed before key ids (`v1.<iv|tag|ciphertext>`),
 * made here with the algorithm of that format, as stored rows hold it.
 */
function sealedV1(plaintext: string, master: Uint8Array, context: string): string {
  const iv = randomBytes(12);
  const subkey = Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), "fastnext:encrypt", 32));
  const cipher = createCipheriv("aes-256-gcm", subkey, iv);
  cipher.setAAD(Buffer.from(`fastnext-secret:${context}`, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

describe("sealed secrets (AES-256-GCM)", () => {
  it("round-trips under the ring's first key, named in the value, with a fresh IV every time", () => {
    const a = encryptSecret("JBSWY3DPEHPK3PXP", { keys, context: "user-1" });
    const b = encryptSecret("JBSWY3DPEHPK3PXP", { keys, context: "user-1" });
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v2\.k1\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain("JBSWY3DPEHPK3PXP");
    expect(decryptSecret(a, { keys, context: "user-1" })).toBe("JBSWY3DPEHPK3PXP");
    expect(encryptSecret("seed", { keys: newer })).toMatch(/^v2\.k2\./);
  });

  it("opens values of older keys while they stay in the ring, and names the key once removed", () => {
    const old = encryptSecret("seed", { keys, context: "user-1" });
    expect(decryptSecret(old, { keys: newer, context: "user-1" })).toBe("seed");
    const removed = failure(() => decryptSecret(old, { keys: [newer[0]], context: "user-1" }));
    expect(removed.reason).toBe("unknown_key");
    expect(removed.message).toContain('"k1"');
  });

  it("opens v1 values (no key id) under whichever key of the ring sealed them", () => {
    const legacy = sealedV1("seed", key, "user-1");
    expect(decryptSecret(legacy, { keys, context: "user-1" })).toBe("seed");
    expect(decryptSecret(legacy, { keys: newer, context: "user-1" })).toBe("seed");
    expect(
      failure(() => decryptSecret(legacy, { keys: [newer[0]], context: "user-1" })).reason,
    ).toBe("failed");
    expect(failure(() => decryptSecret(legacy, { keys, context: "user-2" })).reason).toBe("failed");
  });

  it("refuses another key, another context, a relabelled or tampered value and garbage", () => {
    const sealed = encryptSecret("seed", { keys, context: "user-1" });
    const sameIdOtherKey: EncryptionKeyRing = [{ kid: "k1", key: randomBytes(32) }];
    expect(
      failure(() => decryptSecret(sealed, { keys: sameIdOtherKey, context: "user-1" })).reason,
    ).toBe("failed");
    expect(failure(() => decryptSecret(sealed, { keys, context: "user-2" })).reason).toBe("failed");
    // The same bytes claimed by another key id of the ring, holding the same key: still refused.
    const twins: EncryptionKeyRing = [
      { kid: "k1", key },
      { kid: "k9", key },
    ];
    expect(
      failure(() =>
        decryptSecret(sealed.replace("v2.k1.", "v2.k9."), { keys: twins, context: "user-1" }),
      ).reason,
    ).toBe("failed");
    const body = Buffer.from(sealed.slice("v2.k1.".length), "base64url");
    body[body.length - 1] = (body[body.length - 1] ?? 0) ^ 1;
    expect(
      failure(() =>
        decryptSecret(`v2.k1.${body.toString("base64url")}`, { keys, context: "user-1" }),
      ).reason,
    ).toBe("failed");
    for (const junk of ["", "v1.", "v2.abc", "v2..AAAA", "v1.AAAA", "v3.k1.AAAA", `${sealed}.x`]) {
      expect(failure(() => decryptSecret(junk, { keys })).reason, junk).toBe("malformed");
    }
  });

  it("uses the development key from the environment by default", () => {
    expect(decryptSecret(encryptSecret("seed"))).toBe("seed");
  });
});

describe("keyed digests", () => {
  it("are deterministic under the newest key, which they name, and differ under another", () => {
    expect(secretDigest("abcde-fghij", { keys })).toBe(secretDigest("abcde-fghij", { keys }));
    expect(secretDigest("abcde-fghij", { keys })).toMatch(/^k1\.[0-9a-f]{64}$/);
    expect(secretDigest("abcde-fghij", { keys: newer })).toMatch(/^k2\.[0-9a-f]{64}$/);
    expect(secretDigest("abcde-fghij", { keys }).slice(3)).not.toBe(
      secretDigest("abcde-fghij", { keys: [{ kid: "k1", key: randomBytes(32) }] }).slice(3),
    );
  });

  it("are matched under every key of the ring, with and without a key id, and no other", () => {
    const underOld = secretDigest("abcde-fghij", { keys });
    const candidates = secretDigestCandidates("abcde-fghij", { keys: newer });
    expect(candidates).toHaveLength(4);
    expect(candidates).toContain(underOld);
    // Digests stored before key ids are the bare hex.
    expect(candidates).toContain(underOld.slice("k1.".length));
    expect(secretDigestCandidates("abcde-fghij", { keys: [newer[0]] })).not.toContain(underOld);
  });
});
