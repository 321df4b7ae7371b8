import pg from "pg";

import { hashPassword } from "@fastnext/auth";

import { benchDefinition } from "./definition";

export interface DatasetSize {
  users: number;
  projects: number;
  membersPerProject: number;
  instances: number;
  /** Projects the benchmark user belongs to (owner), so lists fill a 50-row page. */
  benchUserProjects: number;
}

export const FULL: DatasetSize = {
  users: 10_000,
  projects: 1_000,
  membersPerProject: 10,
  instances: 50_000,
  benchUserProjects: 200,
};
export const SMOKE: DatasetSize = {
  users: 300,
  projects: 80,
  membersPerProject: 5,
  instances: 2_000,
  benchUserProjects: 60,
};

export const BENCH_USER = { email: "bench@example.com", password: "bench-password" };

export interface Dataset {
  benchUserId: string;
  /** A project of the bench user's, for filtered instance lists. */
  projectId: string;
}

/**
 * A realistic data set written straight with SQL (as the superuser, so it
 * is fast): users with the member role, projects with members, one
 * published template, and instances spread over the projects. The bench
 * user owns `benchUserProjects` projects; their instances start in "draft"
 * so the write benchmark always has a transition to fire.
 */
export async function seedDataset(adminUrl: string, size: DatasetSize): Promise<Dataset> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const passwordHash = await hashPassword(BENCH_USER.password);
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO users (id, email, name, password_hash, updated_at, created_at)
       SELECT gen_random_uuid(), 'user' || i || '@bench.example', 'Bench User ' || i, $1, now(),
              now() - make_interval(secs => i)
         FROM generate_series(1, $2::int) AS i`,
      [passwordHash, size.users],
    );
    await client.query(
      `INSERT INTO users (id, email, name, password_hash, updated_at) VALUES (gen_random_uuid(), $1, 'Bench', $2, now())`,
      [BENCH_USER.email, passwordHash],
    );
    await client.query(
      `INSERT INTO user_roles (user_id, role_id) SELECT u.id, r.id FROM users u, roles r WHERE r.key = 'member'`,
    );
    const bench = await client.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [
      BENCH_USER.email,
    ]);
    const benchUserId = bench.rows[0]?.id ?? "";

    await client.query(
      `INSERT INTO projects (id, name, description, visibility, created_by_id, created_at, updated_at)
       SELECT gen_random_uuid(), 'Project ' || i, 'Seeded for benchmarks', 'private', $1,
              now() - make_interval(mins => i), now()
         FROM generate_series(1, $2::int) AS i`,
      [benchUserId, size.projects],
    );
    // The bench user owns the newest `benchUserProjects` projects. Every
    // project gets an owner, and further members drawn from the other users.
    await client.query(
      `WITH ranked AS (SELECT id, row_number() OVER (ORDER BY created_at DESC) AS n FROM projects),
            people AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email <> $1)
       INSERT INTO project_members (project_id, user_id, role)
       SELECT p.id, u.id, CASE WHEN m = 0 THEN 'owner' ELSE 'editor' END::project_role
         FROM ranked p
         CROSS JOIN generate_series(0, $2::int - 1) AS m
         JOIN people u ON u.n = ((p.n * 7 + m * 13) % (SELECT count(*) FROM people)) + 1
       ON CONFLICT DO NOTHING`,
      [BENCH_USER.email, size.membersPerProject],
    );
    await client.query(
      `INSERT INTO project_members (project_id, user_id, role)
       SELECT id, $1, 'owner' FROM projects ORDER BY created_at DESC LIMIT $2
       ON CONFLICT (project_id, user_id) DO UPDATE SET role = 'owner'`,
      [benchUserId, size.benchUserProjects],
    );

    const type = await client.query<{ id: string }>(
      `INSERT INTO workflow_types (id, key, name, updated_at) VALUES (gen_random_uuid(), 'purchase_request', 'Purchase request', now()) RETURNING id`,
    );
    const template = await client.query<{ id: string }>(
      `INSERT INTO workflow_templates (id, type_id, key, version, name, status, definition, published_at, updated_at)
       VALUES (gen_random_uuid(), $1, 'purchase_request', 1, 'Purchase request', 'published', $2, now(), now())
       RETURNING id`,
      [type.rows[0]?.id, JSON.stringify(benchDefinition)],
    );
    await insertInstances(client, {
      templateId: template.rows[0]?.id ?? "",
      from: 1,
      to: size.instances,
      draftProjects: size.benchUserProjects,
      creatorId: benchUserId,
    });
    // Notifications: a page's worth and more for the bench user, a few for everyone else.
    await client.query(
      `INSERT INTO notifications (id, user_id, kind, title, body, read_at, created_at)
       SELECT gen_random_uuid(), u.id, 'workflow.assigned', 'Assigned to you', 'Request ' || i,
              CASE WHEN i % 2 = 0 THEN now() END, now() - make_interval(mins => i)
         FROM users u CROSS JOIN generate_series(1, CASE WHEN u.id = $1 THEN 500 ELSE 2 END) AS i`,
      [benchUserId],
    );
    await client.query("COMMIT");
    // VACUUM too: it sets the visibility map, so counts can read indexes alone as on a live database.
    await client.query("VACUUM ANALYZE");
    const project = await client.query<{ project_id: string }>(
      "SELECT project_id FROM project_members WHERE user_id = $1 LIMIT 1",
      [benchUserId],
    );
    return { benchUserId, projectId: project.rows[0]?.project_id ?? "" };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

interface InstanceBatch {
  templateId: string;
  from: number;
  to: number;
  draftProjects: number;
  creatorId: string;
}

/**
 * Instances `from`..`to`, spread over every project in one INSERT ... SELECT
 * (no row-by-row round trips). Those of the newest `draftProjects` projects
 * start in "draft". As a bulk import should, it leaves the per-row counter
 * trigger off for the INSERT (it would update each project's counters row
 * once per instance) and recounts every project once afterwards.
 */
async function insertInstances(client: pg.Client, batch: InstanceBatch): Promise<void> {
  await client.query(
    "ALTER TABLE workflow_instances DISABLE TRIGGER workflow_instances_count_insert",
  );
  try {
    await insertInstanceRows(client, batch);
  } finally {
    await client.query(
      "ALTER TABLE workflow_instances ENABLE TRIGGER workflow_instances_count_insert",
    );
  }
  await client.query("SELECT app.rebuild_project_counters()");
}

async function insertInstanceRows(client: pg.Client, batch: InstanceBatch): Promise<void> {
  await client.query(
    `WITH ranked AS (SELECT id, row_number() OVER (ORDER BY created_at DESC) AS n, count(*) OVER () AS total FROM projects)
     INSERT INTO workflow_instances (id, project_id, template_id, title, data, state, version, state_entered_at,
                                     created_by_id, created_at, updated_at)
     SELECT gen_random_uuid(), p.id, $1, 'Request ' || i,
            jsonb_build_object('amount', (i % 5000) + 1, 'category', (ARRAY['office','it','travel'])[i % 3 + 1]),
            CASE WHEN p.n <= $4 THEN 'draft' ELSE (ARRAY['draft','submitted','approved'])[i % 3 + 1] END,
            1, now() - make_interval(mins => i), $5, now() - make_interval(secs => i), now()
       FROM generate_series($2::int, $3::int) AS i
       JOIN ranked p ON p.n = (i % p.total) + 1`,
    [batch.templateId, batch.from, batch.to, batch.draftProjects, batch.creatorId],
  );
}

/** Adds instances up to `total` (the cost-growth run), then VACUUM ANALYZE. */
export async function growInstances(
  adminUrl: string,
  from: number,
  total: number,
  benchUserId: string,
): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const template = await client.query<{ id: string }>(
      "SELECT id FROM workflow_templates WHERE key = 'purchase_request'",
    );
    await insertInstances(client, {
      templateId: template.rows[0]?.id ?? "",
      from: from + 1,
      to: total,
      draftProjects: 0,
      creatorId: benchUserId,
    });
    await client.query("VACUUM ANALYZE workflow_instances");
  } finally {
    await client.end();
  }
}

/**
 * Makes `email` a member (owner) of exactly the newest `projects` projects,
 * for the cost-growth run; returns nothing, the user signs in with the
 * benchmark password like every seeded user.
 */
export async function setMemberships(adminUrl: string, email: string, projects: number) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      "DELETE FROM project_members WHERE user_id = (SELECT id FROM users WHERE email = $1)",
      [email],
    );
    await client.query(
      `INSERT INTO project_members (project_id, user_id, role)
       SELECT p.id, (SELECT id FROM users WHERE email = $1), 'owner'
         FROM projects p ORDER BY p.created_at DESC LIMIT $2`,
      [email, projects],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Draft instances of the bench user's projects: the write benchmark's supply. */
export async function draftInstances(adminUrl: string, benchUserId: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT i.id FROM workflow_instances i
         JOIN project_members m ON m.project_id = i.project_id AND m.user_id = $1 AND m.role = 'owner'
        WHERE i.state = 'draft' ORDER BY i.id`,
      [benchUserId],
    );
    return rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}
