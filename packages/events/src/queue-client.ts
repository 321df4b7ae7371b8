import PgBoss from "pg-boss";

import { QUEUE_SCHEMA, type ScopedDb } from "@fastnext/db";

/**
 * pg-boss as a job writer only: it is never started, holds no connection
 * and runs no maintenance (that is the worker's). Every call passes the
 * executor of the transaction it belongs to; one that does not fails here
 * instead of enqueueing outside any transaction.
 */
export const queueClient = new PgBoss({
  schema: QUEUE_SCHEMA,
  db: {
    executeSql() {
      return Promise.reject(
        new Error("enqueue with { db: inTransaction(tx) }: jobs belong to a transaction"),
      );
    },
  },
});

/**
 * pg-boss's executor bound to one Prisma interactive transaction: what pg-boss
 * writes through it commits or rolls back with the caller's change, and runs
 * under the caller's role and scope (so the queue's RLS policies apply).
 * Prisma's raw queries take pg-boss's values as node-postgres would (the
 * job's data object as JSON, options left out as NULL).
 */
export function inTransaction(tx: ScopedDb): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const rows = await tx.$queryRawUnsafe<unknown[]>(text, ...values);
      return { rows };
    },
  };
}
