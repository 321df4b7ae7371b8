import { z } from "zod";

import { keysetAfter, keysetOrderBy, OLDEST_FIRST } from "../../pagination/keyset";
import { decodeCursor, toPage, type Page, type PageInput } from "../../pagination/pagination";
import { type ServiceContext } from "../../context";
import { instanceNotFound } from "./errors";

export const ZHistoryEntryViewSchema = z.object({
  id: z.uuid(),
  instanceId: z.uuid(),
  /** null: the row that records the instance's creation. */
  transitionKey: z.string().nullable(),
  fromState: z.string().nullable(),
  toState: z.string(),
  /** null: the system (a time-out) moved it. */
  actorId: z.uuid().nullable(),
  comment: z.string().nullable(),
  versionAfter: z.number().int(),
  createdAt: z.date(),
});

export type HistoryEntryView = z.infer<typeof ZHistoryEntryViewSchema>;

/** An instance's history, oldest first (the order things happened). */
export async function listHistory(
  ctx: ServiceContext,
  input: { instanceId: string } & PageInput,
): Promise<Page<HistoryEntryView>> {
  const instance = await ctx.db.workflowInstance.findUnique({
    where: { id: input.instanceId },
    select: { id: true },
  });
  if (!instance) throw instanceNotFound();
  const after = decodeCursor(ctx.deps.cursors, input.cursor);
  const rows = await ctx.db.workflowHistory.findMany({
    where: {
      instanceId: input.instanceId,
      ...(after ? keysetAfter(OLDEST_FIRST, after.at, after.id) : {}),
    },
    orderBy: keysetOrderBy(OLDEST_FIRST),
    take: input.limit + 1,
    select: {
      id: true,
      instanceId: true,
      transitionKey: true,
      fromState: true,
      toState: true,
      actorId: true,
      comment: true,
      versionAfter: true,
      createdAt: true,
    },
  });
  return toPage(ctx.deps.cursors, rows, input.limit, (row) => ({ at: row.createdAt, id: row.id }));
}
