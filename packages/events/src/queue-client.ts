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
 * A value as node-postgres would send it: pg-boss passes `undefined` for
 * options left out and the job's data as an object, which the Prisma raw
 * query interface would not turn into SQL NULL and JSON.
 */
function parameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !(value instanceof Date))
    return JSON.stringify(value);
  return value;
}

/**
 * pg-boss's executor bound to one Prisma interactive transaction: what pg-boss
 * writes through it commits or rolls back with the caller's change, and runs
 * under the caller's role and scope (so the queue's RLS policies apply).
 */
export function inTransaction(tx: ScopedDb): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const rows = await tx.$queryRawUnsafe<unknown[]>(text, ...values.map(parameter));
      return { rows };
    },
  };
}
