import { hashPassword, verifyPassword } from "@fastnext/auth";
import { type ScopedDb } from "@fastnext/db";
import { type ChangePasswordInput } from "@fastnext/validators";

import { type Principal } from "../../auth/principal";
import { AppError } from "../../errors";

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
export async function revokeOwnSession(db: ScopedDb, principal: Principal, sessionId: string): Promise<void> {
  const result = await db.session.updateMany({
    where: { id: sessionId, userId: principal.userId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: "signed_out_by_user" },
  });
  if (result.count === 0) throw new AppError("NOT_FOUND", "No such session");
}

/** Signs out every device, this one included. */
export async function revokeAllSessions(db: ScopedDb, principal: Principal): Promise<number> {
  const result = await db.session.updateMany({
    where: { userId: principal.userId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: "logout_all" },
  });
  return result.count;
}

/** Changes the caller's password and signs out every other device. */
export async function changePassword(
  db: ScopedDb,
  principal: Principal,
  input: ChangePasswordInput,
): Promise<{ revokedSessions: number }> {
  const user = await db.user.findUnique({ where: { id: principal.userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("VALIDATION", "The current password is not correct", {
      reason: "wrong_password",
      fieldErrors: { currentPassword: ["The current password is not correct"] },
    });
  }
  await db.user.update({
    where: { id: principal.userId },
    data: { passwordHash: await hashPassword(input.newPassword) },
  });
  const revoked = await db.session.updateMany({
    where: { userId: principal.userId, revokedAt: null, id: { not: principal.sessionId } },
    data: { revokedAt: new Date(), revokedReason: "password_changed" },
  });
  return { revokedSessions: revoked.count };
}
