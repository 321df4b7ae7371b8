import { hashPassword, verifyPassword } from "@fastnext/auth";
import { type ScopedDb } from "@fastnext/db";
import { passwordPolicyViolations, type PasswordPolicy } from "@fastnext/validators";

import { AppError } from "../errors";
import { readSetting } from "../settings/system";
import { readOwnCredentials } from "./credentials";

export interface PasswordPolicyOptions {
  /** Whose password it becomes: enables the "not one of the last N" rule (needs a transaction scoped to that user). */
  userId?: string;
}

/**
 * Refuses a new password that breaks the operator's policy, naming EVERY
 * rule it breaks: VALIDATION (BAD_REQUEST), reason "password_policy",
 * `fieldErrors.password` with one message per rule and `details.rules`
 * with their ids. For any path that sets a password (register, change,
 * reset); call it before hashing.
 */
export async function assertPasswordPolicy(
  db: ScopedDb,
  password: string,
  options: PasswordPolicyOptions = {},
): Promise<void> {
  const policy = await readSetting(db, "passwordPolicy");
  const violations = passwordPolicyViolations(password, policy);
  if (
    options.userId &&
    policy.historyCount > 0 &&
    (await isRecentPassword(db, options.userId, password, policy))
  ) {
    violations.push({
      rule: "reused",
      message: `Must differ from your last ${policy.historyCount} passwords`,
    });
  }
  if (violations.length === 0) return;
  throw new AppError("VALIDATION", "The password does not meet the password policy", {
    reason: "password_policy",
    fieldErrors: { password: violations.map((v) => v.message) },
    details: { rules: violations.map((v) => v.rule) },
  });
}

/**
 * Whether `password` is one of the user's last N, the current one
 * included. Every change is written to password_history, so its newest
 * rows are those passwords; the current hash is added for accounts whose
 * password predates the history (the seeded admin).
 */
async function isRecentPassword(
  db: ScopedDb,
  userId: string,
  password: string,
  policy: PasswordPolicy,
): Promise<boolean> {
  const [credentials, history] = await Promise.all([
    readOwnCredentials(db),
    db.passwordHistory.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: policy.historyCount,
      select: { passwordHash: true },
    }),
  ]);
  const hashes = history.map((row) => row.passwordHash);
  if (credentials && !hashes.includes(credentials.passwordHash))
    hashes.unshift(credentials.passwordHash);
  for (const hash of hashes.slice(0, policy.historyCount)) {
    if (await verifyPassword(hash, password)) return true;
  }
  return false;
}

/**
 * Sets a user's password after checking the policy: stores the hash, the
 * time of the change (for the maximum age) and a history row (for the
 * reuse rule). Runs in a transaction scoped to that user. The caller
 * records the activity entry and decides which sessions to end.
 */
export async function setPassword(
  db: ScopedDb,
  userId: string,
  password: string,
): Promise<{ changedAt: Date }> {
  await assertPasswordPolicy(db, password, { userId });
  const passwordHash = await hashPassword(password);
  const changedAt = new Date();
  await db.user.update({
    where: { id: userId },
    // An account made by an external sign-in has a password from now on.
    data: { passwordHash, passwordChangedAt: changedAt, hasPassword: true },
    select: { id: true },
  });
  await db.passwordHistory.create({
    data: { userId, passwordHash, createdAt: changedAt },
    select: { id: true },
  });
  return { changedAt };
}

/** Expired under the policy's maximum age (sign-in still works; the client is told to change it). */
export function isPasswordExpired(
  changedAt: Date,
  policy: PasswordPolicy,
  now = new Date(),
): boolean {
  if (policy.maxAgeDays === null) return false;
  return now.getTime() - changedAt.getTime() > policy.maxAgeDays * 86_400_000;
}
