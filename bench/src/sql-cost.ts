/**
 * Row Level Security at the SQL level: every list statement the API sends,
 * timed with EXPLAIN ANALYZE as the application role (policies on), against
 * the same statement with the membership filter written out and no RLS, on
 * the BYPASSRLS system login (the owner cannot switch RLS off: its tables
 * force it). The times are PostgreSQL's own (planning + execution, median of
 * several runs after a warm-up), so they hold up on a busy machine better
 * than throughput does. Prints figures; asserts nothing.
 */
import pg from "pg";

import { printTable } from "./load";

/** One statement as the API sends it, and the hand-written equivalent without RLS. */
export interface SqlCostCase {
  name: string;
  /** What the procedure sends, run as the application role with the caller's scope set. */
  rls: string;
  /** The same rows with every access rule spelt out, run without RLS. */
  explicit: string;
  rlsParams: unknown[];
  explicitParams: unknown[];
}

export interface SqlCostSubject {
  benchUserId: string;
  /** A project of the bench user's. */
  projectId: string;
}

const projectColumns = `p.id, p.name, p.description, p.visibility::text AS "visibility", p.archived_at AS "archivedAt",
       p.created_by_id AS "createdById", p.created_at AS "createdAt", p.updated_at AS "updatedAt",
       (SELECT m.role::text FROM project_members m WHERE m.project_id = p.id AND m.user_id = $1::uuid) AS "myRole",
       c.member_count AS "memberCount", c.open_instance_count AS "openInstanceCount"`;

const instanceColumns = `i.id, i.project_id, i.template_id, t.key AS template_key, t.version AS template_version,
       t.name AS template_name, i.title, i.data, i.state, i.version, i.assignee_id, i.state_entered_at,
       i.completed_at, i.created_by_id, i.created_at, i.updated_at`;

/** The caller may see a project: a member of it, or it is internal. */
const canSeeProject = (column: string) =>
  `(${column} IN (SELECT m.project_id FROM project_members m WHERE m.user_id = $1::uuid)
    OR ${column} IN (SELECT p.id FROM projects p WHERE p.visibility = 'internal'))`;

/**
 * The list statements of packages/core, first page of 50 (LIMIT 51), in the
 * shape each service sends them (the Prisma ones as Prisma renders them,
 * column lists included).
 */
export function listStatements(subject: SqlCostSubject, memberIds: string[]): SqlCostCase[] {
  const { benchUserId: user, projectId: project } = subject;
  return [
    {
      name: "projects.list",
      rls: `SELECT ${projectColumns} FROM projects p LEFT JOIN project_counters c ON c.project_id = p.id
             WHERE p.archived_at IS NULL
               AND (p.id = ANY ((SELECT app.my_project_ids('viewer'))::uuid[]) OR p.visibility = 'internal')
             ORDER BY p.created_at DESC, p.id DESC LIMIT 51`,
      explicit: `SELECT ${projectColumns} FROM projects p LEFT JOIN project_counters c ON c.project_id = p.id
                  WHERE p.archived_at IS NULL
                    AND (p.id IN (SELECT m.project_id FROM project_members m WHERE m.user_id = $1::uuid)
                         OR p.visibility = 'internal')
                  ORDER BY p.created_at DESC, p.id DESC LIMIT 51`,
      rlsParams: [user],
      explicitParams: [user],
    },
    {
      name: "instances.list (one project, state)",
      rls: `SELECT ${instanceColumns} FROM workflow_instances i JOIN workflow_templates t ON t.id = i.template_id
             WHERE i.project_id = $1::uuid AND i.state = 'draft'
             ORDER BY i.created_at DESC, i.id DESC LIMIT 51`,
      explicit: `SELECT ${instanceColumns} FROM workflow_instances i JOIN workflow_templates t ON t.id = i.template_id
                  WHERE i.project_id = $2::uuid AND i.state = 'draft' AND ${canSeeProject("i.project_id")}
                  ORDER BY i.created_at DESC, i.id DESC LIMIT 51`,
      rlsParams: [project],
      explicitParams: [user, project],
    },
    {
      name: "instances.list (all visible)",
      rls: `SELECT ${instanceColumns} FROM workflow_instances i JOIN workflow_templates t ON t.id = i.template_id
             WHERE i.project_id = ANY ((SELECT app.my_project_ids('viewer') || app.internal_project_ids())::uuid[])
             ORDER BY i.created_at DESC, i.id DESC LIMIT 51`,
      explicit: `SELECT ${instanceColumns} FROM workflow_instances i JOIN workflow_templates t ON t.id = i.template_id
                  WHERE ${canSeeProject("i.project_id")}
                  ORDER BY i.created_at DESC, i.id DESC LIMIT 51`,
      rlsParams: [],
      explicitParams: [user],
    },
    {
      name: "projects.members.list (page)",
      rls: `SELECT project_id, user_id, role::text, added_at, added_by_id FROM project_members
             WHERE project_id = $1::uuid
             ORDER BY added_at ASC, user_id ASC LIMIT 51`,
      explicit: `SELECT project_id, user_id, role::text, added_at, added_by_id FROM project_members
                  WHERE project_id = $2::uuid AND ${canSeeProject("project_id")}
                  ORDER BY added_at ASC, user_id ASC LIMIT 51`,
      rlsParams: [project],
      explicitParams: [user, project],
    },
    {
      name: "projects.members.list (names)",
      rls: `SELECT id, name FROM users WHERE id = ANY ($1::uuid[])`,
      explicit: `SELECT u.id, u.name FROM users u
                  WHERE u.id = ANY ($2::uuid[])
                    AND (u.id = $1::uuid OR EXISTS (
                          SELECT 1 FROM project_members mine
                            JOIN project_members other ON other.project_id = mine.project_id
                           WHERE mine.user_id = $1::uuid AND other.user_id = u.id))`,
      rlsParams: [memberIds],
      explicitParams: [user, memberIds],
    },
    {
      name: "notifications.list",
      rls: `SELECT id, kind, title, body, data, read_at, created_at FROM notifications
             WHERE user_id = $1::uuid ORDER BY created_at DESC, id DESC LIMIT 51`,
      explicit: `SELECT id, kind, title, body, data, read_at, created_at FROM notifications
                  WHERE user_id = $1::uuid ORDER BY created_at DESC, id DESC LIMIT 51`,
      rlsParams: [user],
      explicitParams: [user],
    },
  ];
}

interface Timing {
  ms: number;
  executionMs: number;
  buffers: number;
  rows: number;
}

interface PlanJson {
  "Planning Time": number;
  "Execution Time": number;
  Plan: { "Actual Rows": number; "Shared Hit Blocks"?: number; "Shared Read Blocks"?: number };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function time(client: pg.Client, sql: string, params: unknown[], runs: number) {
  const samples: Timing[] = [];
  for (let run = 0; run < runs + 2; run += 1) {
    const { rows } = await client.query<{ "QUERY PLAN": PlanJson[] }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`,
      params,
    );
    const plan = rows[0]?.["QUERY PLAN"][0];
    if (!plan) throw new Error("EXPLAIN returned no plan");
    // The first runs warm the session (catalog caches, PL/pgSQL compilation), as a pooled connection is.
    if (run < 2) continue;
    samples.push({
      ms: plan["Planning Time"] + plan["Execution Time"],
      executionMs: plan["Execution Time"],
      buffers: (plan.Plan["Shared Hit Blocks"] ?? 0) + (plan.Plan["Shared Read Blocks"] ?? 0),
      rows: plan.Plan["Actual Rows"],
    });
  }
  return {
    ms: median(samples.map((s) => s.ms)),
    executionMs: median(samples.map((s) => s.executionMs)),
    buffers: median(samples.map((s) => s.buffers)),
    rows: samples[0]?.rows ?? 0,
  };
}

/**
 * The application role's connection, inside a transaction scoped as the API
 * scopes the subject's requests: their id and the permissions of their roles.
 */
async function scopedAppClient(
  appUrl: string,
  system: pg.Client,
  subject: SqlCostSubject,
): Promise<pg.Client> {
  const { rows } = await system.query<{ permissions: string }>(
    `SELECT coalesce(string_agg(DISTINCT rp.permission_key, ','), '') AS permissions
       FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id
      WHERE ur.user_id = $1`,
    [subject.benchUserId],
  );
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  await client.query("BEGIN");
  await client.query(
    "SELECT set_config('app.user_id', $1, true), set_config('app.permissions', $2, true)",
    [subject.benchUserId, rows[0]?.permissions ?? ""],
  );
  return client;
}

export interface SqlCostRow extends Record<string, string | number> {
  statement: string;
  rows: number;
  "RLS ms": number;
  "no RLS ms": number;
  ratio: string;
  "RLS buffers": number;
  "no RLS buffers": number;
}

/**
 * Times every list statement both ways and prints the table, the cost of
 * one `app.my_project_ids` call, and (with `plans`) the full plans of
 * projects.list and the instance list under RLS.
 */
export async function measureSqlCost(
  urls: { appUrl: string; systemUrl: string },
  subject: SqlCostSubject,
  options: { runs?: number; plans?: boolean; title?: string } = {},
): Promise<SqlCostRow[]> {
  const runs = options.runs ?? 15;
  const system = new pg.Client({ connectionString: urls.systemUrl });
  await system.connect();
  const app = await scopedAppClient(urls.appUrl, system, subject);
  try {
    const members = await system.query<{ user_id: string }>(
      "SELECT user_id FROM project_members WHERE project_id = $1 ORDER BY added_at, user_id LIMIT 50",
      [subject.projectId],
    );
    const cases = listStatements(
      subject,
      members.rows.map((row) => row.user_id),
    );
    const rows: SqlCostRow[] = [];
    for (const statement of cases) {
      const rls = await time(app, statement.rls, statement.rlsParams, runs);
      const explicit = await time(system, statement.explicit, statement.explicitParams, runs);
      if (rls.rows !== explicit.rows)
        throw new Error(
          `${statement.name}: ${rls.rows} rows under RLS but ${explicit.rows} with explicit filters`,
        );
      rows.push({
        statement: statement.name,
        rows: rls.rows,
        "RLS ms": round(rls.ms),
        "no RLS ms": round(explicit.ms),
        ratio: (rls.ms / Math.max(0.001, explicit.ms)).toFixed(2),
        "RLS buffers": rls.buffers,
        "no RLS buffers": explicit.buffers,
      });
    }
    const helper = await time(app, "SELECT app.my_project_ids('viewer')", [], runs);

    console.log(
      `\n${options.title ?? "RLS at the SQL level"}: EXPLAIN ANALYZE, planning + execution, median of ${runs}` +
        `\n(RLS: application role, policies on; no RLS: the same rows with the filters written out, BYPASSRLS login)\n`,
    );
    printTable(rows);
    console.log(
      `\none app.my_project_ids('viewer') call: ${round(helper.executionMs)} ms, ${helper.buffers} buffers`,
    );
    if (options.plans) {
      for (const name of ["projects.list", "instances.list (one project, state)"]) {
        const statement = cases.find((c) => c.name === name);
        if (!statement) continue;
        const { rows: plan } = await app.query<{ "QUERY PLAN": string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${statement.rls}`,
          statement.rlsParams,
        );
        console.log(`\nEXPLAIN (ANALYZE, BUFFERS) ${name}, application role:`);
        for (const line of plan) console.log(`  ${line["QUERY PLAN"]}`);
      }
    }
    return rows;
  } finally {
    await app.query("ROLLBACK").catch(() => undefined);
    await app.end();
    await system.end();
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
