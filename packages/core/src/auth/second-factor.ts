import { randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";

import {
  decryptSecret,
  encryptSecret,
  secretDigest,
  secretDigestCandidates,
  totpSeedContext,
  type EncryptionKeyRing,
} from "@fastnext/auth";
import { type ScopedDb } from "@fastnext/db";

import { recordTotpStep } from "./credentials";

/*
 * The second factor: RFC 6238 codes from an authenticator app (otplib),
 * or single-use backup codes. The TOTP seed is stored sealed (AES-256-GCM,
 * bound to the user id); backup codes only as keyed digests. Both under
 * the encryption key ring: new ones under its newest key, old ones
 * accepted under any key still in it.
 */

export const BACKUP_CODE_COUNT = 10;
/** No 0/o, 1/l/i: codes are read off paper. 31 symbols, 10 of them: ~49 bits each. */
const BACKUP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI an authenticator app scans (as a QR code). */
export function totpUri(secret: string, accountLabel: string, issuer: string): string {
  return generateURI({ issuer, label: accountLabel, secret });
}

/** `keys` is the encryption key ring (AUTH_ENCRYPTION_KEYS) from the dependencies, here and below. */
export function sealTotpSecret(secret: string, userId: string, keys: EncryptionKeyRing): string {
  return encryptSecret(secret, { context: totpSeedContext(userId), keys });
}

export function openTotpSecret(sealed: string, userId: string, keys: EncryptionKeyRing): string {
  return decryptSecret(sealed, { context: totpSeedContext(userId), keys });
}

/**
 * Accepts a 6-digit code for this or a neighbouring 30-second step (clock
 * drift, typing time), once: its step must be later than the last step
 * accepted for the user, and is recorded by a conditional update, so a code
 * already used (or seen over a shoulder) fails within its validity window,
 * and of two concurrent uses of one code only one succeeds (RFC 6238, 5.2).
 * The step is the transaction's caller's: `db` must act as the code's user.
 */
export async function acceptTotp(db: ScopedDb, secret: string, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const result = await verify({ secret, token: code, epochTolerance: 30 });
  // The result type also covers HOTP, which has no time step; TOTP results always carry one.
  if (!result.valid || !("timeStep" in result)) return false;
  return recordTotpStep(db, result.timeStep);
}

/** Ten fresh codes, shown once as `xxxxx-xxxxx`. */
export function newBackupCodes(): string[] {
  return Array.from({ length: BACKUP_CODE_COUNT }, () => {
    const chars = Array.from(
      { length: 10 },
      () => BACKUP_ALPHABET[randomInt(BACKUP_ALPHABET.length)] ?? "",
    );
    return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
  });
}

/** A code however it was typed (case, dash and spaces ignored). */
function normalizedBackupCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

/** Digest of a new code, under the ring's newest key. */
export function backupCodeDigest(code: string, keys: EncryptionKeyRing): string {
  return secretDigest(normalizedBackupCode(code), { keys });
}

/** Replaces the user's backup codes with new ones; returns them in clear, once. */
export async function replaceBackupCodes(
  db: ScopedDb,
  userId: string,
  keys: EncryptionKeyRing,
): Promise<string[]> {
  const codes = newBackupCodes();
  await db.twoFactorBackupCode.deleteMany({ where: { userId } });
  await db.twoFactorBackupCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: backupCodeDigest(code, keys) })),
  });
  return codes;
}

/**
 * Spends a backup code. The update is conditional on the code being
 * unused, so of two concurrent uses only one succeeds, and a used code
 * fails every later time.
 */
async function spendBackupCode(
  db: ScopedDb,
  userId: string,
  code: string,
  keys: EncryptionKeyRing,
): Promise<boolean> {
  // Under any key of the ring: a code made before the newest key took over still works.
  const candidates = secretDigestCandidates(normalizedBackupCode(code), { keys });
  const spent = await db.twoFactorBackupCode.updateMany({
    where: { userId, codeHash: { in: candidates }, usedAt: null },
    data: { usedAt: new Date() },
  });
  return spent.count === 1;
}

export type SecondFactorMethod = "totp" | "backup_code";

/** Accepts a TOTP code (once), or spends a backup code; null when neither matches. */
export async function checkSecondFactor(
  db: ScopedDb,
  userId: string,
  sealedSecret: string,
  code: string,
  keys: EncryptionKeyRing,
): Promise<SecondFactorMethod | null> {
  if (/^\d{6}$/.test(code)) {
    return (await acceptTotp(db, openTotpSecret(sealedSecret, userId, keys), code)) ? "totp" : null;
  }
  return (await spendBackupCode(db, userId, code, keys)) ? "backup_code" : null;
}
