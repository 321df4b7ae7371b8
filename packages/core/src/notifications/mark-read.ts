import { AppError } from "../errors";
import { recordActivity } from "../activity";
import { type ServiceContext } from "../context";

/**
 * Marks some of the caller's notifications read. All or nothing: an id the
 * caller cannot see (someone else's, or none at all) is NOT_FOUND and
 * nothing changes. Marking an already-read one again is harmless.
 */
export async function markRead(
  ctx: ServiceContext,
  ids: readonly string[],
): Promise<{ updated: number }> {
  const wanted = [...new Set(ids)];
  const visible = await ctx.db.notification.findMany({
    where: { id: { in: wanted }, userId: ctx.principal.userId },
    select: { id: true },
  });
  if (visible.length !== wanted.length) {
    const found = new Set(visible.map((row) => row.id));
    throw new AppError("NOT_FOUND", "No such notification", {
      reason: "notification_not_found",
      details: { ids: wanted.filter((id) => !found.has(id)) },
    });
  }
  const { count } = await ctx.db.notification.updateMany({
    where: { id: { in: wanted }, userId: ctx.principal.userId, readAt: null },
    data: { readAt: new Date() },
  });
  await recordActivity(ctx.db, ctx.actor, {
    action: "notification.read",
    entityType: "notification",
    entityId: wanted.length === 1 ? wanted[0] : null,
    after: { ids: wanted, updated: count },
  });
  return { updated: count };
}

/** Marks every unread notification of the caller read. */
export async function markAllRead(ctx: ServiceContext): Promise<{ updated: number }> {
  const { count } = await ctx.db.notification.updateMany({
    where: { userId: ctx.principal.userId, readAt: null },
    data: { readAt: new Date() },
  });
  await recordActivity(ctx.db, ctx.actor, {
    action: "notification.read_all",
    entityType: "notification",
    after: { updated: count },
  });
  return { updated: count };
}
