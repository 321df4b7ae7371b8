import { keysetAfter, keysetOrderBy, NEWEST_FIRST } from "../pagination/keyset";
import { decodeCursor, toPage, type Page } from "../pagination/pagination";
import { type ServiceContext } from "../context";
import { transferNotFound } from "./errors";
import { type TransferListInput } from "./input";
import { toTransferView, transferSelect, type TransferView } from "./view";

/** The caller's own exports and imports, newest first. */
export async function listTransfers(
  ctx: ServiceContext,
  input: TransferListInput,
): Promise<Page<TransferView>> {
  const after = decodeCursor(ctx.deps.cursors, input.cursor);
  const rows = await ctx.db.dataTransfer.findMany({
    where: {
      requestedBy: ctx.principal.userId,
      ...(input.kind ? { kind: input.kind } : {}),
      ...(after ? keysetAfter(NEWEST_FIRST, after.at, after.id) : {}),
    },
    orderBy: keysetOrderBy(NEWEST_FIRST),
    take: input.limit + 1,
    select: transferSelect,
  });
  const now = new Date();
  return toPage(
    ctx.deps.cursors,
    rows.map((row) => toTransferView(row, now)),
    input.limit,
    (row) => ({ at: row.createdAt, id: row.id }),
  );
}

/** One of the caller's transfers; NOT_FOUND for anyone else's (RLS hides them). */
export async function getTransfer(ctx: ServiceContext, id: string): Promise<TransferView> {
  const row = await ctx.db.dataTransfer.findUnique({
    where: { id, requestedBy: ctx.principal.userId },
    select: transferSelect,
  });
  if (!row) throw transferNotFound();
  return toTransferView(row);
}
