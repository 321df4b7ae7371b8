import { z } from "zod";

import { checkWorkers, Prisma, scopedRows } from "@fastnext/db";
import { jobCounts } from "@fastnext/events";

import { type ServiceContext } from "../context";
import { telemetryOf } from "../telemetry";

const count = z.number().int().nonnegative();

/**
 * The operator's dashboard: one section per subject. To add a section
 * (e.g. job queue counts), extend this schema and merge one more source in
 * `systemStats`.
 */
export const ZSystemStatsSchema = z.object({
  users: z.object({ total: count, active: count }),
  sessions: z.object({ active: count }),
  projects: z.object({ total: count, archived: count }),
  workflowInstances: z.object({ total: count, open: count }),
  /** The job queue: waiting (retries included), running, and failed for good (kept for inspection). */
  jobs: z.object({ queued: count, active: count, failed: count }),
  /** Worker processes beating within three of their intervals, and the latest beat; null: unknown. */
  workers: z.object({ alive: count, lastBeatAt: z.date().nullable() }).nullable(),
  /**
   * This server process's tRPC traffic over about the last five minutes,
   * from its metrics registry; null where nothing measures it.
   */
  traffic: z
    .object({
      windowSeconds: count,
      requestsPerSecond: z.number().nonnegative(),
      errorRatio: z.number().min(0).max(1),
      p95Seconds: z.number().nonnegative().nullable(),
    })
    .nullable(),
});

export type SystemStats = z.infer<typeof ZSystemStatsSchema>;

const ZDatabaseCountsSchema = ZSystemStatsSchema.pick({
  users: true,
  sessions: true,
  projects: true,
  workflowInstances: true,
});

/**
 * Exact counts of every row, whatever the caller may otherwise read:
 * app.system_stats is a definer function that checks system.read itself.
 */
async function databaseCounts(ctx: ServiceContext): Promise<z.infer<typeof ZDatabaseCountsSchema>> {
  const [row] = z
    .array(z.object({ stats: ZDatabaseCountsSchema }))
    .parse(await scopedRows(ctx.db, Prisma.sql`SELECT app.system_stats() AS stats`));
  if (!row) throw new Error("app.system_stats returned no row");
  return row.stats;
}

/** Read on the pool, not the request's transaction: a failure here must not abort it. */
async function workerFigures(ctx: ServiceContext): Promise<SystemStats["workers"]> {
  const status = await checkWorkers(ctx.deps.pool);
  if (status.worker === "unknown") return null;
  const lastBeatAt = status.lastBeatAt === null ? null : new Date(status.lastBeatAt);
  return { alive: status.worker === "ok" ? status.alive : 0, lastBeatAt };
}

export async function systemStats(ctx: ServiceContext): Promise<SystemStats> {
  const [{ queued, active, failed }, counts, workers, traffic] = await Promise.all([
    jobCounts(ctx.db),
    databaseCounts(ctx),
    workerFigures(ctx),
    telemetryOf(ctx.deps).traffic(),
  ]);
  return { ...counts, jobs: { queued, active, failed }, workers, traffic };
}
