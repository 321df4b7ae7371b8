import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Bytes of randomness in an opaque token (256 bits). */
export const OPAQUE_TOKEN_BYTES = 32;

/**
 * A random bearer secret (refresh tokens, password-reset tokens): 32 bytes,
 * base64url, 43 characters. Hand it to the client once; store only
 * hashOpaqueToken(token).
 */
export function generateOpaqueToken(): string {
  return randomBytes(OPAQUE_TOKEN_BYTES).toString("base64url");
}

/**
 * SHA-256 (hex) of an opaque token, the form kept in the database. A fast hash
 * suffices: the token carries 256 bits of entropy, so there is nothing to
 * brute-force, and lookups by hash stay indexable.
 */
export function hashOpaqueToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Compares two strings in time independent of where they differ. Both sides
 * are hashed first so inputs of different lengths neither throw nor reveal
 * their length through timing.
 */
export function safeEqual(a: string, b: string): boolean {
  const digestA = createHash("sha256").update(a, "utf8").digest();
  const digestB = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(digestA, digestB);
}
