import { z } from "zod";

import { jobCounts } from "@fastnext/events";

import { type ServiceContext } from "../context";

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
  const rows = await ctx.db.$queryRaw<{ stats: unknown }[]>`SELECT app.system_stats() AS stats`;
  return ZDatabaseCountsSchema.parse(rows[0]?.stats);
}

export async function systemStats(ctx: ServiceContext): Promise<SystemStats> {
  const { queued, active, failed } = await jobCounts(ctx.db);
  return { ...(await databaseCounts(ctx)), jobs: { queued, active, failed } };
}
