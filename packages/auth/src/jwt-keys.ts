import { webcrypto } from "node:crypto";

import {
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyOptions,
} from "jose";

import { type JwtKey } from "./env";
import { type KeyList } from "./key-list";

/*
 * The HMAC keys of a key set, imported once: given the raw bytes, jose
 * imports a key on every call, which was a visible share of a request's
 * CPU. Only the configured secrets ever get here, so the map stays tiny.
 */

const MIN_SECRET_BYTES = 32;

const importedKeys = new Map<string, Promise<webcrypto.CryptoKey>>();

export function hmacKey(secret: string): Promise<webcrypto.CryptoKey> {
  const known = importedKeys.get(secret);
  if (known) return known;
  const bytes = new TextEncoder().encode(secret);
  if (bytes.length < MIN_SECRET_BYTES)
    throw new RangeError(`a token secret must be at least ${MIN_SECRET_BYTES} bytes`);
  const key = webcrypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
  importedKeys.set(secret, key);
  return key;
}

/** The key that signs new tokens: the first of the set, with its id for the `kid` header. */
export async function signingKey(
  keys: KeyList<JwtKey>,
): Promise<{ kid: string; key: webcrypto.CryptoKey }> {
  return { kid: keys[0].kid, key: await hmacKey(keys[0].secret) };
}

/**
 * The keys a token may be checked against: the one its `kid` names, none
 * for a kid the set does not hold (its key was removed, or never ours),
 * every key for a token without a kid (issued before tokens carried one;
 * such tokens live one token lifetime at most). A malformed header gets
 * none.
 */
export function candidateKeys(token: string, keys: KeyList<JwtKey>): readonly JwtKey[] {
  let kid: unknown;
  try {
    ({ kid } = decodeProtectedHeader(token));
  } catch {
    return [];
  }
  if (kid === undefined) return keys;
  return keys.filter((key) => key.kid === kid);
}

/**
 * jwtVerify under the key the token names (see candidateKeys). Throws
 * jose's error for the last key tried, or JWSSignatureVerificationFailed
 * when no key of the set may have signed it.
 */
export async function verifyWithKeySet(
  token: string,
  keys: KeyList<JwtKey>,
  options: JWTVerifyOptions,
): Promise<JWTPayload> {
  let failure: unknown = new errors.JWSSignatureVerificationFailed();
  for (const candidate of candidateKeys(token, keys)) {
    try {
      return (await jwtVerify(token, await hmacKey(candidate.secret), options)).payload;
    } catch (error) {
      failure = error;
      // Only a wrong signature means another key may fit; anything else is the token's fault.
      if (!(error instanceof errors.JWSSignatureVerificationFailed)) break;
    }
  }
  throw failure;
}
