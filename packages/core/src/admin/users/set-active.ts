import { emitEvent } from "@fastnext/events";

import { AppError } from "../../errors";
import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { assertAdminsRemain } from "../guard";
import { getUser } from "./get";
import { type AdminUserView } from "./view";

/**
 * Deactivates or reactivates a user. Deactivation ends every session of
 * theirs at once (access tokens stop at their next request, refresh tokens
 * are refused), and is refused for oneself and for the last active admin.
 */
export async function setUserActive(
  ctx: ServiceContext,
  input: { id: string; isActive: boolean },
): Promise<AdminUserView> {
  if (!input.isActive && input.id === ctx.principal.userId) {
    throw new AppError("PRECONDITION_FAILED", "You cannot deactivate yourself", {
      reason: "self_deactivation",
    });
  }
  const user = await ctx.db.user.findUnique({
    where: { id: input.id },
    select: { isActive: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "No such user");
  let revokedSessions = 0;
  if (user.isActive !== input.isActive) {
    await ctx.db.user.update({
      where: { id: input.id },
      data: { isActive: input.isActive },
      select: { id: true },
    });
    if (!input.isActive) {
      const revoked = await ctx.db.session.updateMany({
        where: { userId: input.id, revokedAt: null },
        data: { revokedAt: new Date(), revokedReason: "deactivated" },
      });
      revokedSessions = revoked.count;
      await emitEvent(ctx.db, "user.deactivated", {
        userId: input.id,
        deactivatedById: ctx.principal.userId,
      });
      await assertAdminsRemain(ctx);
    }
  }
  await recordActivity(ctx.db, ctx.actor, {
    action: input.isActive ? "user.activate" : "user.deactivate",
    entityType: "user",
    entityId: input.id,
    before: { isActive: user.isActive },
    after: { isActive: input.isActive, ...(revokedSessions > 0 ? { revokedSessions } : {}) },
  });
  return getUser(ctx, input.id);
}
