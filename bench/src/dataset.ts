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
    await client.query(
      `WITH ranked AS (SELECT id, row_number() OVER (ORDER BY created_at DESC) AS n, count(*) OVER () AS total FROM projects)
       INSERT INTO workflow_instances (id, project_id, template_id, title, data, state, version, state_entered_at,
                                       created_by_id, created_at, updated_at)
       SELECT gen_random_uuid(), p.id, $1, 'Request ' || i,
              jsonb_build_object('amount', (i % 5000) + 1, 'category', (ARRAY['office','it','travel'])[i % 3 + 1]),
              CASE WHEN p.n <= $3 THEN 'draft' ELSE (ARRAY['draft','submitted','approved'])[i % 3 + 1] END,
              1, now() - make_interval(mins => i), $4, now() - make_interval(secs => i), now()
         FROM generate_series(1, $2::int) AS i
         JOIN ranked p ON p.n = (i % p.total) + 1`,
      [template.rows[0]?.id, size.instances, size.benchUserProjects, benchUserId],
    );
    await client.query("COMMIT");
    await client.query("ANALYZE");
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
