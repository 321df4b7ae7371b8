import { z } from "zod";

import { keysetAfter, keysetOrderBy, OLDEST_FIRST } from "../../pagination/keyset";
import {
  decodeCursor,
  toPage,
  type Page,
  type PageInput,
  type Position,
} from "../../pagination/pagination";
import { type ServiceContext } from "../../context";
import { ZHistoryEntryViewSchema, type HistoryEntryView } from "../instances/history";
import { instanceNotFound } from "../instances/errors";
import { commentSelect, ZCommentViewSchema, type CommentView } from "./view";

/** The instance's id when the caller can see it; NOT_FOUND otherwise. */
async function visibleInstance(ctx: ServiceContext, instanceId: string): Promise<string> {
  const instance = await ctx.db.workflowInstance.findUnique({
    where: { id: instanceId },
    select: { id: true },
  });
  if (!instance) throw instanceNotFound();
  return instance.id;
}

const position = (row: { createdAt: Date; id: string }): Position => ({
  at: row.createdAt,
  id: row.id,
});

/** An instance's comments, oldest first (a conversation reads down). */
export async function listComments(
  ctx: ServiceContext,
  input: { instanceId: string } & PageInput,
): Promise<Page<CommentView>> {
  const instanceId = await visibleInstance(ctx, input.instanceId);
  const after = decodeCursor(ctx.deps.cursors, input.cursor);
  const rows = await ctx.db.workflowComment.findMany({
    where: { instanceId, ...(after ? keysetAfter(OLDEST_FIRST, after.at, after.id) : {}) },
    orderBy: keysetOrderBy(OLDEST_FIRST),
    take: input.limit + 1,
    select: commentSelect,
  });
  return toPage(ctx.deps.cursors, rows, input.limit, position);
}

/** One entry of an item's timeline: a transition (its creation included) or a comment. */
export const ZTimelineEntrySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("transition"), transition: ZHistoryEntryViewSchema }),
  z.object({ kind: z.literal("comment"), comment: ZCommentViewSchema }),
]);

export type TimelineEntry = z.infer<typeof ZTimelineEntrySchema>;

const historySelect = {
  id: true,
  instanceId: true,
  transitionKey: true,
  fromState: true,
  toState: true,
  actorId: true,
  comment: true,
  versionAfter: true,
  createdAt: true,
} as const;

/** Keyset order over both tables: (createdAt, id) ascending, ids compared as PostgreSQL does. */
function earlier(a: Position, b: Position): number {
  const byTime = a.at.getTime() - b.at.getTime();
  if (byTime !== 0) return byTime;
  // Lower-case hex uuids sort as text exactly as PostgreSQL sorts uuids (byte by byte).
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function entryPosition(entry: TimelineEntry): Position {
  return position(entry.kind === "transition" ? entry.transition : entry.comment);
}

/**
 * An item's history and its comments as one list, oldest first (newest
 * last, as they happened). Both are ordered by (createdAt, id), so one
 * cursor positions both: each table gives its next `limit + 1` rows past
 * it, and the page is the first `limit` of the two merged. Two queries
 * whatever the page size.
 */
export async function listTimeline(
  ctx: ServiceContext,
  input: { instanceId: string } & PageInput,
): Promise<Page<TimelineEntry>> {
  const instanceId = await visibleInstance(ctx, input.instanceId);
  const after = decodeCursor(ctx.deps.cursors, input.cursor);
  const past = after ? keysetAfter(OLDEST_FIRST, after.at, after.id) : {};
  const [transitions, comments] = await Promise.all([
    ctx.db.workflowHistory.findMany({
      where: { instanceId, ...past },
      orderBy: keysetOrderBy(OLDEST_FIRST),
      take: input.limit + 1,
      select: historySelect,
    }),
    ctx.db.workflowComment.findMany({
      where: { instanceId, ...past },
      orderBy: keysetOrderBy(OLDEST_FIRST),
      take: input.limit + 1,
      select: commentSelect,
    }),
  ]);
  const entries: TimelineEntry[] = [
    ...transitions.map((transition: HistoryEntryView) => ({
      kind: "transition" as const,
      transition,
    })),
    ...comments.map((comment: CommentView) => ({ kind: "comment" as const, comment })),
  ].sort((a, b) => earlier(entryPosition(a), entryPosition(b)));
  return toPage(ctx.deps.cursors, entries.slice(0, input.limit + 1), input.limit, entryPosition);
}
