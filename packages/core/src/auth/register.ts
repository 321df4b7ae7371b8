import { randomUUID } from "node:crypto";

import { hashPassword } from "@fastnext/auth";
import { ANONYMOUS_SCOPE, isUniqueViolation, withScope, type ScopedDb } from "@fastnext/db";
import { emitEvent } from "@fastnext/events";
import { type RegisterInput } from "@fastnext/validators";

import { type CoreDeps } from "../deps";
import { AppError } from "../errors";
import { recordActivity } from "../activity";
import { readSetting } from "../settings/system";
import { toUserView, userViewSelect, type UserView } from "../users/view";
import { type ClientMeta } from "./client-meta";
import { assertPasswordPolicy } from "./password-policy";
import { spend } from "./rate-limit";

/**
 * Creates an account with the default roles, if the operator keeps
 * registration open and the password meets the policy. The transaction
 * acts as the new user, so RLS lets it write exactly that user's rows and
 * no others. `andThen` runs last in that same transaction, as the new user
 * (registering from an invitation joins the project there): if it fails,
 * no account is created.
 */
export async function register(
  deps: CoreDeps,
  input: RegisterInput,
  meta: ClientMeta,
  andThen?: (tx: ScopedDb, userId: string) => Promise<void>,
): Promise<UserView> {
  await spend(deps.limiters.registerPerIp, meta.ip ?? "unknown", "registrations from this address");
  // Settings first, in a short read of their own: the hash below is slow
  // and should not hold a transaction open.
  await withScope(deps.pool, { ...ANONYMOUS_SCOPE, requestId: meta.requestId }, async (tx) => {
    const flags = await readSetting(tx, "featureFlags");
    if (!flags.registrationOpen) {
      throw new AppError(
        "FORBIDDEN",
        "Registration is closed: ask an administrator for an account",
        {
          reason: "registration_closed",
        },
      );
    }
    await assertPasswordPolicy(tx, input.password);
  });
  const passwordHash = await hashPassword(input.password);
  const userId = randomUUID();
  try {
    return await withScope(
      deps.pool,
      { userId, permissions: [], requestId: meta.requestId },
      async (tx) => {
        const user = await tx.user.create({
          data: { id: userId, email: input.email, name: input.name, passwordHash },
          select: userViewSelect,
        });
        const defaults = await tx.role.findMany({
          where: { isDefault: true },
          select: { id: true, key: true },
        });
        await tx.userRole.createMany({
          data: defaults.map((role) => ({ userId, roleId: role.id })),
        });
        await tx.passwordHistory.create({ data: { userId, passwordHash }, select: { id: true } });
        await emitEvent(tx, "user.registered", { userId });
        await recordActivity(
          tx,
          { userId, ...meta },
          {
            action: "user.register",
            entityType: "user",
            entityId: userId,
            after: {
              email: user.email,
              name: user.name,
              roles: defaults.map((role) => role.key).sort(),
            },
          },
        );
        await andThen?.(tx, userId);
        return toUserView(user, { userId, self: true });
      },
    );
  } catch (error) {
    if (isUniqueViolation(error, "email")) {
      throw new AppError("CONFLICT", "An account with this e-mail already exists", {
        reason: "email_taken",
        fieldErrors: { email: ["An account with this e-mail already exists"] },
      });
    }
    throw error;
  }
}
