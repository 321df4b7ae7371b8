import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

import { authEnv, type AuthEnv } from "./env";

/**
 * Secrets the server must read back later (two-factor seeds) are stored
 * sealed with AES-256-GCM under AUTH_ENCRYPTION_KEY. A sealed value is
 * `v1.<base64url(iv | tag | ciphertext)>`; the version prefix lets the
 * format or key change without guessing what an old value is.
 */

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Thrown when a sealed value was tampered with, sealed under another key or context, or is malformed. */
export class SecretDecryptionError extends Error {
  constructor() {
    super("the secret cannot be decrypted");
    this.name = "SecretDecryptionError";
  }
}

export interface SecretOptions {
  /**
   * What the secret belongs to (e.g. the user id). Bound as associated data:
   * a value copied onto another record fails to decrypt there.
   */
  context?: string;
  /** The 32-byte master key; AUTH_ENCRYPTION_KEY by default. */
  key?: Uint8Array;
}

/** The master key from the environment's base64 AUTH_ENCRYPTION_KEY. */
export function encryptionKeyOf(env: Pick<AuthEnv, "AUTH_ENCRYPTION_KEY">): Uint8Array {
  return Buffer.from(env.AUTH_ENCRYPTION_KEY, "base64");
}

/**
 * One key per use, derived from the master key: the cipher and the keyed
 * digest never share key material.
 */
function subkey(master: Uint8Array, purpose: string): Buffer {
  if (master.length !== KEY_BYTES)
    throw new RangeError(`the encryption key must be ${KEY_BYTES} bytes`);
  return Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `fastnext:${purpose}`, KEY_BYTES));
}

function masterKey(options: SecretOptions): Uint8Array {
  return options.key ?? encryptionKeyOf(authEnv());
}

function associatedData(context: string | undefined): Buffer {
  return Buffer.from(`fastnext-secret:${context ?? ""}`, "utf8");
}

/** Seals a secret: random IV, authenticated, bound to `context`. */
export function encryptSecret(plaintext: string, options: SecretOptions = {}): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", subkey(masterKey(options), "encrypt"), iv);
  cipher.setAAD(associatedData(options.context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const sealed = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  return `${VERSION}.${sealed.toString("base64url")}`;
}

/** Opens a value sealed by encryptSecret with the same key and context. */
export function decryptSecret(sealed: string, options: SecretOptions = {}): string {
  const [version, body, extra] = sealed.split(".");
  if (version !== VERSION || !body || extra !== undefined) throw new SecretDecryptionError();
  const bytes = Buffer.from(body, "base64url");
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new SecretDecryptionError();
  try {
    const decipher = createDecipheriv(
      "aes-256-gcm",
      subkey(masterKey(options), "encrypt"),
      bytes.subarray(0, IV_BYTES),
    );
    decipher.setAAD(associatedData(options.context));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
    return plain.toString("utf8");
  } catch {
    throw new SecretDecryptionError();
  }
}

/**
 * Keyed digest (HMAC-SHA256, hex) of a short random secret such as a
 * backup code. Deterministic, so it can be looked up by value; keyed, so a
 * copy of the database alone does not allow guessing codes offline.
 */
export function secretDigest(value: string, options: Pick<SecretOptions, "key"> = {}): string {
  return createHmac("sha256", subkey(masterKey(options), "digest"))
    .update(value, "utf8")
    .digest("hex");
}

/**
 * A key of its own for one server-side purpose (e.g. "pagination-cursor"),
 * derived from the master key: values signed with it cannot pass for
 * anything else the master key protects.
 */
export function purposeKey(purpose: string, options: Pick<SecretOptions, "key"> = {}): Buffer {
  return subkey(masterKey(options), purpose);
}
