import { AppError } from "../errors";
import { keysetAfter, keysetOrderBy, NEWEST_FIRST } from "../pagination/keyset";
import { decodeCursor, toPage, type Page, type PageInput } from "../pagination/pagination";
import { type ServiceContext } from "../context";
import { activityViewSelect, toActivityView, type ActivityView } from "./activity-view";

/**
 * The caller's own trail, newest first, keyset-paged on (createdAt, id).
 * RLS shows a user only their own entries; the explicit filter keeps the
 * intent (and the plan) plain, also for callers holding activity.read_all.
 */
export async function listMyActivities(
  ctx: ServiceContext,
  input: PageInput,
): Promise<Page<ActivityView>> {
  const after = decodeCursor(ctx.deps.cursors, input.cursor);
  const rows = await ctx.db.activity.findMany({
    where: {
      actorId: ctx.principal.userId,
      ...(after ? keysetAfter(NEWEST_FIRST, after.at, after.id) : {}),
    },
    orderBy: keysetOrderBy(NEWEST_FIRST),
    take: input.limit + 1,
    select: activityViewSelect,
  });
  const page = toPage(ctx.deps.cursors, rows, input.limit, (row) => ({
    at: row.createdAt,
    id: row.id,
  }));
  return { items: page.items.map(toActivityView), nextCursor: page.nextCursor };
}

/** One of the caller's own entries; anyone else's is NOT_FOUND. */
export async function getMyActivity(ctx: ServiceContext, id: string): Promise<ActivityView> {
  const row = await ctx.db.activity.findFirst({
    where: { id, actorId: ctx.principal.userId },
    select: activityViewSelect,
  });
  if (!row) throw new AppError("NOT_FOUND", "No such activity");
  return toActivityView(row);
}
