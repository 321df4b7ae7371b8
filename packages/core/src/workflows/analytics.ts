import { z } from "zod";

import { Prisma, scopedRows } from "@fastnext/db";

import { AppError } from "../errors";
import { type ServiceContext } from "../context";
import { requireProjectRole } from "../projects/access";
import { type WorkflowAnalyticsInput } from "./input";

export const ZAnalyticsSummarySchema = z.object({
  templateKey: z.string(),
  /** Instances (every version of the key) by their current state. */
  instancesByState: z.array(z.object({ state: z.string(), count: z.number().int() })),
  /** Time spent in each state by visits that have ended, in seconds. */
  timeInState: z.array(
    z.object({
      state: z.string(),
      visits: z.number().int(),
      medianSeconds: z.number(),
      p90Seconds: z.number(),
    }),
  ),
  /** Instances completed per UTC day, the last 30 days including today, oldest first. */
  completedPerDay: z.array(z.object({ day: z.iso.date(), count: z.number().int() })),
  /**
   * Open (not completed) instances by current state and assignee, null for
   * unassigned: the load per state and the load per assignee are its sums.
   */
  openLoad: z.array(
    z.object({ state: z.string(), assigneeId: z.uuid().nullable(), count: z.number().int() }),
  ),
});

export type AnalyticsSummary = z.infer<typeof ZAnalyticsSummarySchema>;

const ZStateCountRows = z.array(z.object({ state: z.string(), count: z.number().int() }));
const ZDurationRows = z.array(
  z.object({ state: z.string(), visits: z.number().int(), median: z.number(), p90: z.number() }),
);
const ZDayRows = z.array(z.object({ day: z.string(), count: z.number().int() }));
const ZLoadRows = z.array(
  z.object({ state: z.string(), assignee_id: z.string().nullable(), count: z.number().int() }),
);

/**
 * Figures for one template key, over the instances the caller can see (the
 * queries run under RLS like any other), optionally in one project. Four
 * set-based statements, whatever the number of instances.
 */
export async function analyticsSummary(
  ctx: ServiceContext,
  input: WorkflowAnalyticsInput,
): Promise<AnalyticsSummary> {
  const { db } = ctx;
  const template = await db.workflowTemplate.findFirst({
    where: { key: input.templateKey },
    select: { id: true },
  });
  if (!template)
    throw new AppError("NOT_FOUND", "No such workflow template", { reason: "template_not_found" });
  if (input.projectId) await requireProjectRole(db, ctx.principal, input.projectId, "viewer");
  const inProject = input.projectId
    ? Prisma.sql`AND i.project_id = ${input.projectId}::uuid`
    : Prisma.empty;

  const byState = ZStateCountRows.parse(
    await scopedRows(
      db,
      Prisma.sql`
      SELECT i.state, count(*)::int AS count
        FROM workflow_instances i
        JOIN workflow_templates t ON t.id = i.template_id
       WHERE t.key = ${input.templateKey} ${inProject}
       GROUP BY i.state
       ORDER BY i.state`,
    ),
  );

  // A visit to a state starts at its history row and ends at the instance's
  // next one; visits still going have no end and are left out.
  const durations = ZDurationRows.parse(
    await scopedRows(
      db,
      Prisma.sql`
      WITH visits AS (
        SELECT h.to_state AS state,
               extract(epoch FROM lead(h.created_at) OVER (PARTITION BY h.instance_id ORDER BY h.version_after)
                                  - h.created_at)::float8 AS seconds
          FROM workflow_history h
          JOIN workflow_instances i ON i.id = h.instance_id
          JOIN workflow_templates t ON t.id = i.template_id
         WHERE t.key = ${input.templateKey} ${inProject}
      )
      SELECT state, count(*)::int AS visits,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90
        FROM visits
       WHERE seconds IS NOT NULL
       GROUP BY state
       ORDER BY state`,
    ),
  );

  const days = ZDayRows.parse(
    await scopedRows(
      db,
      Prisma.sql`
      WITH days AS (
        SELECT (now() AT TIME ZONE 'UTC')::date - n AS day FROM generate_series(0, 29) AS n
      ), done AS (
        SELECT (i.completed_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS count
          FROM workflow_instances i
          JOIN workflow_templates t ON t.id = i.template_id
         WHERE t.key = ${input.templateKey} ${inProject}
           AND i.completed_at >= ((now() AT TIME ZONE 'UTC')::date - 29)::timestamp AT TIME ZONE 'UTC'
         GROUP BY 1
      )
      SELECT to_char(days.day, 'YYYY-MM-DD') AS day, coalesce(done.count, 0)::int AS count
        FROM days LEFT JOIN done ON done.day = days.day
       ORDER BY days.day`,
    ),
  );

  const load = ZLoadRows.parse(
    await scopedRows(
      db,
      Prisma.sql`
      SELECT i.state, i.assignee_id::text AS assignee_id, count(*)::int AS count
        FROM workflow_instances i
        JOIN workflow_templates t ON t.id = i.template_id
       WHERE t.key = ${input.templateKey} ${inProject}
         AND i.completed_at IS NULL
       GROUP BY i.state, i.assignee_id
       ORDER BY i.state, i.assignee_id NULLS LAST`,
    ),
  );

  return {
    templateKey: input.templateKey,
    instancesByState: byState,
    timeInState: durations.map((row) => ({
      state: row.state,
      visits: row.visits,
      medianSeconds: row.median,
      p90Seconds: row.p90,
    })),
    completedPerDay: days,
    openLoad: load.map((row) => ({
      state: row.state,
      assigneeId: row.assignee_id,
      count: row.count,
    })),
  };
}
