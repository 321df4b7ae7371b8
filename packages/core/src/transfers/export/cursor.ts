import { Prisma, scopedExecute, scopedRows, type ScopedDb } from "@fastnext/db";

/**
 * The rows of `query` in batches of `batchSize`, read through a server-side
 * cursor in the scoped transaction `tx`: one statement, one snapshot, and
 * never more than one batch in this process's memory, however many rows
 * the query has. The cursor is closed when the reader stops early too.
 */
export async function* cursorBatches(
  tx: ScopedDb,
  query: Prisma.Sql,
  batchSize: number,
): AsyncGenerator<unknown[], void, undefined> {
  await scopedExecute(tx, Prisma.sql`DECLARE transfer_rows NO SCROLL CURSOR FOR ${query}`);
  try {
    for (;;) {
      const rows = await scopedRows(
        tx,
        Prisma.sql`FETCH FORWARD ${Prisma.raw(String(Math.trunc(batchSize)))} FROM transfer_rows`,
      );
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < batchSize) return;
    }
  } finally {
    await scopedExecute(tx, Prisma.sql`CLOSE transfer_rows`).catch(() => undefined);
  }
}
