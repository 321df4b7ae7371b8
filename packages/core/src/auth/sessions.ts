import { verifyPassword } from "@fastnext/auth";
import { type ScopedDb } from "@fastnext/db";
import { type ChangePasswordInput } from "@fastnext/validators";

import { type Principal } from "../access/principal";
import { AppError } from "../errors";
import { recordActivity } from "../activity";
import { type ServiceContext } from "../context";
import { readOwnCredentials } from "./credentials";
import { setPassword } from "./password-policy";

export interface SessionView {
  id: string;
  deviceLabel: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  current: boolean;
}

/** The caller's signed-in devices, most recently used first. */
export async function listSessions(db: ScopedDb, principal: Principal): Promise<SessionView[]> {
  const sessions = await db.session.findMany({
    where: { userId: principal.userId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: [{ lastUsedAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      deviceLabel: true,
      userAgent: true,
      ip: true,
      createdAt: true,
      lastUsedAt: true,
      expiresAt: true,
    },
  });
  return sessions.map((session) => ({ ...session, current: session.id === principal.sessionId }));
}

/** Signs out one of the caller's devices. Another user's session is NOT_FOUND. */
export async function revokeOwnSession(ctx: ServiceContext, sessionId: string): Promise<void> {
  const result = await ctx.db.session.updateMany({
    where: { id: sessionId, userId: ctx.principal.userId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: "signed_out_by_user" },
  });
  if (result.count === 0) throw new AppError("NOT_FOUND", "No such session");
  await recordActivity(ctx.db, ctx.actor, {
    action: "session.revoke",
    entityType: "session",
    entityId: sessionId,
    after: { revokedReason: "signed_out_by_user" },
  });
}

/** Signs out every device, this one included. */
export async function revokeAllSessions(ctx: ServiceContext): Promise<number> {
  const result = await ctx.db.session.updateMany({
    where: { userId: ctx.principal.userId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: "logout_all" },
  });
  await recordActivity(ctx.db, ctx.actor, {
    action: "auth.logout_all",
    entityType: "user",
    entityId: ctx.principal.userId,
    after: { revokedSessions: result.count },
  });
  return result.count;
}

/**
 * Changes the caller's password (policy, history and all, see setPassword)
 * and signs out every other device.
 */
export async function changePassword(
  ctx: ServiceContext,
  input: ChangePasswordInput,
): Promise<{ revokedSessions: number }> {
  const { db, principal } = ctx;
  const user = await db.user.findUnique({
    where: { id: principal.userId },
    select: { passwordChangedAt: true },
  });
  const credentials = await readOwnCredentials(db);
  if (
    !user ||
    !credentials ||
    !(await verifyPassword(credentials.passwordHash, input.currentPassword))
  ) {
    throw new AppError("VALIDATION", "The current password is not correct", {
      reason: "wrong_password",
      fieldErrors: { currentPassword: ["The current password is not correct"] },
    });
  }
  const { changedAt } = await setPassword(db, principal.userId, input.newPassword);
  const revoked = await db.session.updateMany({
    where: { userId: principal.userId, revokedAt: null, id: { not: principal.sessionId } },
    data: { revokedAt: new Date(), revokedReason: "password_changed" },
  });
  await recordActivity(db, ctx.actor, {
    action: "auth.change_password",
    entityType: "user",
    entityId: principal.userId,
    // The trail shows that the password changed, never a value: "password" is redacted by name.
    before: { password: "old", passwordChangedAt: user.passwordChangedAt },
    after: { password: "new", passwordChangedAt: changedAt, revokedSessions: revoked.count },
  });
  return { revokedSessions: revoked.count };
}
