import { randomUUID } from "node:crypto";

import { hashPassword } from "@fastnext/auth";
import { isUniqueViolation, withScope, type PrismaClient, type ScopedDb } from "@fastnext/db";
import {
  ADMINISTRATOR_WRITE_PERMISSIONS,
  createAdministrator,
  grantAdministrator,
} from "@fastnext/db/admin";

import { recordActivity } from "../../activity";
import { assertPasswordPolicy, setPassword } from "../../auth/password-policy";
import { AppError } from "../../errors";

export interface AdministratorRequest {
  /** Already normalised (ZEmailSchema). */
  email: string;
  /** The display name of a new account; an existing account keeps its own. */
  name: string;
  /** Replace an existing account's password too (a new account always gets one). */
  setPassword: boolean;
  /** Asked only when a password is needed, so promoting asks for nothing. */
  password: () => Promise<string>;
  /** Stored on the activity entry (e.g. "admin:create"). */
  requestId: string;
}

export type AdministratorOutcome =
  | { kind: "created"; userId: string }
  | { kind: "promoted" | "unchanged"; userId: string; passwordChanged: boolean };

const scopeAs = (userId: string, requestId: string) => ({
  userId,
  permissions: ADMINISTRATOR_WRITE_PERMISSIONS,
  requestId,
});

const actor = (userId: string, requestId: string) => ({
  userId,
  requestId,
  ip: null,
  userAgent: null,
});

/**
 * `pnpm admin:create`: makes `email` an administrator. A new account is
 * created with the password (checked against the operator's password
 * policy, as registration does); an existing one gets the admin role and
 * keeps its password unless `setPassword`. Each run's writes are one
 * transaction, so a refused password or a lost connection leaves nothing;
 * running it again on an administrator changes nothing.
 */
export async function createOrPromoteAdministrator(
  db: PrismaClient,
  request: AdministratorRequest,
): Promise<AdministratorOutcome> {
  const probe = randomUUID();
  const existing = await withScope(db, scopeAs(probe, request.requestId), (tx) =>
    tx.user.findUnique({ where: { email: request.email }, select: { id: true } }),
  );
  if (existing) return promote(db, existing.id, request);

  const password = await request.password();
  // The policy is read in a short transaction of its own: hashing is slow.
  await withScope(db, scopeAs(probe, request.requestId), (tx) =>
    assertPasswordPolicy(tx, password),
  );
  const passwordHash = await hashPassword(password);
  const userId = randomUUID();
  try {
    await withScope(db, scopeAs(userId, request.requestId), async (tx) => {
      await createAdministrator(tx, {
        id: userId,
        email: request.email,
        name: request.name,
        passwordHash,
      });
      await tx.passwordHistory.create({ data: { userId, passwordHash }, select: { id: true } });
      await recordActivity(tx, actor(userId, request.requestId), {
        action: "user.create",
        entityType: "user",
        entityId: userId,
        after: {
          email: request.email,
          name: request.name,
          roles: ["admin"],
          via: request.requestId,
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, "email"))
      throw new AppError(
        "CONFLICT",
        "An account with this e-mail was created meanwhile: run the command again",
        {
          reason: "email_taken",
        },
      );
    throw error;
  }
  return { kind: "created", userId };
}

async function promote(
  db: PrismaClient,
  userId: string,
  request: AdministratorRequest,
): Promise<AdministratorOutcome> {
  const password = request.setPassword ? await request.password() : null;
  return withScope(db, scopeAs(userId, request.requestId), async (tx: ScopedDb) => {
    const granted = await grantAdministrator(tx, userId);
    // setPassword checks the policy (the history rule included) before it hashes.
    if (password !== null) await setPassword(tx, userId, password);
    if (granted || password !== null)
      await recordActivity(tx, actor(userId, request.requestId), {
        action: granted ? "user.promote_admin" : "user.password_set",
        entityType: "user",
        entityId: userId,
        after: { roles: ["admin"], passwordChanged: password !== null, via: request.requestId },
      });
    return { kind: granted ? "promoted" : "unchanged", userId, passwordChanged: password !== null };
  });
}
