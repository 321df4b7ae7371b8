import { type Prisma } from "@fastnext/db";

import { keysetAfter, keysetOrderBy, NEWEST_FIRST } from "../pagination/keyset";
import { decodeCursor, toPage, type Page, type PageInput } from "../pagination/pagination";
import { type ServiceContext } from "../context";
import { activityViewSelect, toActivityView, type ActivityView } from "../users/activity-view";

export interface ActivityFilter extends PageInput {
  actorId?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** Inclusive lower bound of createdAt. */
  from?: Date | undefined;
  /** Exclusive upper bound of createdAt. */
  to?: Date | undefined;
}

/** Everyone's trail (activity.read_all), newest first, keyset-paged on (createdAt, id). */
export async function listActivities(
  ctx: ServiceContext,
  input: ActivityFilter,
): Promise<Page<ActivityView>> {
  const conditions: Prisma.ActivityWhereInput[] = [];
  if (input.actorId) conditions.push({ actorId: input.actorId });
  if (input.action) conditions.push({ action: input.action });
  if (input.entityType) conditions.push({ entityType: input.entityType });
  if (input.entityId) conditions.push({ entityId: input.entityId });
  if (input.from) conditions.push({ createdAt: { gte: input.from } });
  if (input.to) conditions.push({ createdAt: { lt: input.to } });
  const after = decodeCursor(ctx.deps.cursors, input.cursor);
  if (after) conditions.push(keysetAfter(NEWEST_FIRST, after.at, after.id));
  const rows = await ctx.db.activity.findMany({
    where: { AND: conditions },
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
