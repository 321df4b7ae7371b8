import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

import { authEnv, type EncryptionKey } from "./env";
import { type KeyList } from "./key-list";

/**
 * Secrets the server must read back later (two-factor seeds) are stored
 * sealed with AES-256-GCM under a key of the encryption key ring
 * (AUTH_ENCRYPTION_KEYS): the first key seals, every key opens. A sealed
 * value is `v2.<kid>.<base64url(iv | tag | ciphertext)>`, so it names the
 * key that opens it, and re-encryption can tell which values are not
 * under the newest key yet. Values from before key ids,
 * `v1.<base64url(...)>`, are opened by whichever key of the ring sealed
 * them (GCM's tag tells the right key from a wrong one).
 */

export type EncryptionKeyRing = KeyList<EncryptionKey>;

const VERSION = "v2";
const LEGACY_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export type SecretDecryptionReason = "malformed" | "unknown_key" | "failed";

/**
 * Thrown when a sealed value is malformed, names a key the ring does not
 * hold (the key was removed before the value was re-encrypted), or was
 * tampered with or sealed under another key or context.
 */
export class SecretDecryptionError extends Error {
  readonly reason: SecretDecryptionReason;

  constructor(reason: SecretDecryptionReason, kid?: string) {
    super(
      reason === "unknown_key"
        ? `the secret is sealed under key "${kid ?? ""}", which is not in the key ring`
        : "the secret cannot be decrypted",
    );
    this.name = "SecretDecryptionError";
    this.reason = reason;
  }
}

export interface SecretOptions {
  /**
   * What the secret belongs to (e.g. the user id). Bound as associated data:
   * a value copied onto another record fails to decrypt there.
   */
  context?: string;
  /** The key ring; the environment's (AUTH_ENCRYPTION_KEYS) by default. */
  keys?: EncryptionKeyRing;
}

/**
 * One key per use, derived from a master key: the cipher and the keyed
 * digest never share key material.
 */
function subkey(master: Uint8Array, purpose: string): Buffer {
  if (master.length !== KEY_BYTES)
    throw new RangeError(`the encryption key must be ${KEY_BYTES} bytes`);
  return Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `fastnext:${purpose}`, KEY_BYTES));
}

function ringOf(options: Pick<SecretOptions, "keys">): EncryptionKeyRing {
  return options.keys ?? authEnv().encryptionKeys;
}

/** v2 binds the key id too, so a value relabelled with another key id fails like a forged one. */
function associatedData(context: string | undefined, kid: string | null): Buffer {
  const bound = kid === null ? "" : `${VERSION}:${kid}:`;
  return Buffer.from(`fastnext-secret:${bound}${context ?? ""}`, "utf8");
}

/** Seals a secret under the ring's first key: random IV, authenticated, bound to `context`. */
export function encryptSecret(plaintext: string, options: SecretOptions = {}): string {
  const [newest] = ringOf(options);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", subkey(newest.key, "encrypt"), iv);
  cipher.setAAD(associatedData(options.context, newest.kid));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const sealed = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  return `${VERSION}.${newest.kid}.${sealed.toString("base64url")}`;
}

function open(bytes: Buffer, key: EncryptionKey, aad: Buffer): string | null {
  try {
    const decipher = createDecipheriv(
      "aes-256-gcm",
      subkey(key.key, "encrypt"),
      bytes.subarray(0, IV_BYTES),
    );
    decipher.setAAD(aad);
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
    return plain.toString("utf8");
  } catch {
    return null;
  }
}

/** The parts of a sealed value: its key id (null before key ids) and its bytes; null if malformed. */
function parse(sealed: string): { kid: string | null; bytes: Buffer } | null {
  const parts = sealed.split(".");
  let kid: string | null;
  let body: string | undefined;
  if (parts[0] === VERSION && parts.length === 3) [, kid = null, body] = parts;
  else if (parts[0] === LEGACY_VERSION && parts.length === 2) [kid, body] = [null, parts[1]];
  else return null;
  if (!body || kid === "") return null;
  const bytes = Buffer.from(body, "base64url");
  if (bytes.length < IV_BYTES + TAG_BYTES) return null;
  return { kid, bytes };
}

/** Opens a value sealed by encryptSecret, with a key of the ring and the same context. */
export function decryptSecret(sealed: string, options: SecretOptions = {}): string {
  const parsed = parse(sealed);
  if (!parsed) throw new SecretDecryptionError("malformed");
  const ring = ringOf(options);
  const { kid, bytes } = parsed;
  const candidates = kid === null ? ring : ring.filter((key) => key.kid === kid);
  if (candidates.length === 0) throw new SecretDecryptionError("unknown_key", kid ?? undefined);
  const aad = associatedData(options.context, kid);
  for (const key of candidates) {
    const plain = open(bytes, key, aad);
    if (plain !== null) return plain;
  }
  throw new SecretDecryptionError("failed");
}

/** The prefix every value sealed under the ring's newest key starts with. */
export function sealedUnderNewestPrefix(keys: EncryptionKeyRing): string {
  return `${VERSION}.${keys[0].kid}.`;
}

function digestUnder(value: string, key: EncryptionKey): string {
  return createHmac("sha256", subkey(key.key, "digest")).update(value, "utf8").digest("hex");
}

/**
 * Keyed digest (HMAC-SHA256) of a short random secret such as a backup
 * code, under the ring's newest key: `<kid>.<hex>`. Deterministic, so it
 * can be looked up by value; keyed, so a copy of the database alone does
 * not allow guessing codes offline. Unlike a sealed value it cannot be
 * re-keyed (that takes the value, which is not stored): it names its key
 * so an operator can see how many digests still depend on an old key.
 */
export function secretDigest(value: string, options: Pick<SecretOptions, "keys"> = {}): string {
  const [newest] = ringOf(options);
  return `${newest.kid}.${digestUnder(value, newest)}`;
}

/**
 * Every digest `value` may be stored under with this ring: one per key,
 * and for each key the bare hex of digests made before key ids. A lookup
 * matches any of them, so a digest made under an older key keeps working
 * until that key leaves the ring.
 */
export function secretDigestCandidates(
  value: string,
  options: Pick<SecretOptions, "keys"> = {},
): string[] {
  return ringOf(options).flatMap((key) => {
    const hex = digestUnder(value, key);
    return [`${key.kid}.${hex}`, hex];
  });
}

/**
 * A key of its own for one server-side purpose (e.g. "pagination-cursor"),
 * derived from the ring's newest master key: values signed with it cannot
 * pass for anything else the master key protects.
 */
export function purposeKey(purpose: string, options: Pick<SecretOptions, "keys"> = {}): Buffer {
  return subkey(ringOf(options)[0].key, purpose);
}

/**
 * The context a user's two-factor seed is sealed with (users'
 * two_factor_secret and two_factor_pending): shared by the service that
 * seals it and the re-encryption that re-seals it.
 */
export function totpSeedContext(userId: string): string {
  return `totp:${userId}`;
}
