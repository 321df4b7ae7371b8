import { hash, verify } from "@node-rs/argon2";

/**
 * Upper bound on password length. Argon2 cost grows with input size, so an
 * unbounded password would let anyone burn CPU with one request.
 */
export const PASSWORD_MAX_LENGTH = 256;
export const PASSWORD_MIN_LENGTH = 8;

// argon2id (algorithm 2) with OWASP's recommended minimum: 19 MiB, 2 passes.
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  if (password.length > PASSWORD_MAX_LENGTH) throw new RangeError("password too long");
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification. Login calls it when no user
 * matches, so "unknown user" and "wrong password" cannot be told apart by
 * timing.
 */
export async function burnPasswordVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword("timing-equaliser-not-a-real-password");
  await verifyPassword(await dummyHash, password);
}
