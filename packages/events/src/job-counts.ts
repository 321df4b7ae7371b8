import { Prisma, QUEUE_SCHEMA, type PrismaClient, type ScopedDb } from "@fastnext/db";

export interface QueueCounts {
  /** Waiting to run, including retries waiting for their back-off. */
  queued: number;
  active: number;
  /** Out of retries: kept for inspection (the dead-letter state). */
  failed: number;
}

export interface JobCounts extends QueueCounts {
  byQueue: Record<string, QueueCounts>;
}

interface Row {
  queue: string;
  queued: bigint;
  active: bigint;
  failed: bigint;
}

/**
 * Queued, running and failed jobs, in total and per queue, for the admin
 * statistics. Reads through app.job_counts(), which needs `system.read`
 * in the caller's scope: without it every count is zero.
 */
export async function jobCounts(db: Pick<ScopedDb, "$queryRaw">): Promise<JobCounts> {
  const rows = await db.$queryRaw<
    Row[]
  >`SELECT queue, queued, active, failed FROM app.job_counts()`;
  const counts: JobCounts = { queued: 0, active: 0, failed: 0, byQueue: {} };
  for (const row of rows) {
    const queue = {
      queued: Number(row.queued),
      active: Number(row.active),
      failed: Number(row.failed),
    };
    counts.byQueue[row.queue] = queue;
    counts.queued += queue.queued;
    counts.active += queue.active;
    counts.failed += queue.failed;
  }
  return counts;
}

/** Jobs of one queue in one pg-boss state (created, retry, active, completed, cancelled, failed). */
export interface QueueStateCount {
  queue: string;
  state: string;
  count: number;
}

/**
 * Every queue's jobs by state, read straight from the queue's table: for
 * the worker's metrics, on the system login (which owns the queue). The
 * application role reads the totals through `jobCounts` instead.
 */
export async function jobsByQueueAndState(
  db: Pick<PrismaClient, "$queryRaw">,
): Promise<QueueStateCount[]> {
  const rows = await db.$queryRaw<{ queue: string; state: string; count: bigint }[]>`
    SELECT name AS queue, state::text AS state, count(*) AS count
      FROM ${Prisma.raw(`"${QUEUE_SCHEMA}".job`)}
     WHERE NOT starts_with(name, '__pgboss__')
     GROUP BY name, state`;
  return rows.map((row) => ({ queue: row.queue, state: row.state, count: Number(row.count) }));
}
