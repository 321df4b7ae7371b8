/**
 * Per-project counts (project_counters), kept by triggers: equal to the real
 * counts after every kind of change, right under concurrent writers, and
 * out of the application role's reach except for projects it may read.
 * Real PostgreSQL; writes as the superuser unless the application role is
 * the point.
 */
import { randomUUID } from "node:crypto";

import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../src/testing";

let db: TestDatabase;
let admin: pg.Client;
let app: pg.Client;
let templateId: string;
const opened: pg.Client[] = [];

const alice = randomUUID();
const bob = randomUUID();
const carol = randomUUID();

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  opened.push(client);
  const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  if (rows[0]) pids.set(client, rows[0].pid);
  return client;
}

async function addProject(visibility: "private" | "internal" = "private"): Promise<string> {
  const id = randomUUID();
  await admin.query(
    `INSERT INTO projects (id, name, description, visibility, created_by_id, updated_at)
     VALUES ($1, 'P', '', $2, $3, now())`,
    [id, visibility, alice],
  );
  return id;
}

const addMember = (client: pg.Client, projectId: string, userId: string, role = "editor") =>
  client.query("INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, $3)", [
    projectId,
    userId,
    role,
  ]);

/** Instances in the given projects, one row each, in one INSERT statement. */
async function addInstances(client: pg.Client, projectIds: string[]): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO workflow_instances (id, project_id, template_id, title, data, state, updated_at)
     SELECT gen_random_uuid(), p, $2, 'Request', '{}', 'draft', now() FROM unnest($1::uuid[]) WITH ORDINALITY AS t(p, n)
      ORDER BY n
     RETURNING id`,
    [projectIds, templateId],
  );
  return rows.map((row) => row.id);
}

const complete = (client: pg.Client, ids: string[]) =>
  client.query("UPDATE workflow_instances SET completed_at = now() WHERE id = ANY ($1::uuid[])", [
    ids,
  ]);

interface Counts {
  members: number;
  open: number;
}

/** What the triggers kept, per project (null when the project has no counters row). */
async function kept(projectId: string): Promise<Counts | null> {
  const { rows } = await admin.query<Counts>(
    `SELECT member_count AS members, open_instance_count AS open FROM project_counters WHERE project_id = $1`,
    [projectId],
  );
  return rows[0] ?? null;
}

/** The counts recomputed from the rows themselves. */
async function real(projectId: string): Promise<Counts> {
  const { rows } = await admin.query<Counts>(
    `SELECT (SELECT count(*)::int FROM project_members WHERE project_id = $1) AS members,
            (SELECT count(*)::int FROM workflow_instances WHERE project_id = $1 AND completed_at IS NULL) AS open`,
    [projectId],
  );
  return rows[0] ?? { members: -1, open: -1 };
}

/** Every project's counters against the real counts: the list of projects where they differ. */
async function drifted(): Promise<string[]> {
  const { rows } = await admin.query<{ id: string }>(
    `SELECT p.id FROM projects p LEFT JOIN project_counters c ON c.project_id = p.id
      WHERE c.project_id IS NULL
         OR c.member_count <> (SELECT count(*) FROM project_members m WHERE m.project_id = p.id)
         OR c.open_instance_count <> (SELECT count(*) FROM workflow_instances i
                                       WHERE i.project_id = p.id AND i.completed_at IS NULL)`,
  );
  return rows.map((row) => row.id);
}

const pids = new WeakMap<pg.Client, number>();

/**
 * Resolves once `client`'s backend waits on a lock held by another transaction (asked on
 * the superuser's connection: `client` itself is busy with the statement that waits).
 */
async function waitingOnLock(client: pg.Client): Promise<void> {
  const pid = pids.get(client);
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const waiting = await admin.query(
      "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'",
      [pid],
    );
    if (waiting.rowCount) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`backend ${pid} never waited on a lock`);
}

beforeAll(async () => {
  db = await createTestDatabase();
  admin = await connect(db.adminUrl);
  app = await connect(db.appUrl);
  for (const [id, name] of [
    [alice, "alice"],
    [bob, "bob"],
    [carol, "carol"],
  ] as const)
    await admin.query(
      "INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1, $2, $3, 'x', now())",
      [id, `${name}@example.com`, name],
    );
  const type = randomUUID();
  templateId = randomUUID();
  await admin.query(
    "INSERT INTO workflow_types (id, key, name, updated_at) VALUES ($1, 'counted', 'Type', now())",
    [type],
  );
  await admin.query(
    `INSERT INTO workflow_templates (id, type_id, key, version, name, status, definition, updated_at)
     VALUES ($1, $2, 'counted', 1, 'Counted', 'published', '{}', now())`,
    [templateId, type],
  );
});

afterEach(async () => {
  // Every test leaves the counters equal to the real counts, whatever it did.
  expect(await drifted()).toEqual([]);
});

afterAll(async () => {
  for (const client of opened) await client.end().catch(() => undefined);
  await db.drop();
});

describe("the counters follow every change", () => {
  it("a new project starts at zero; members and instances added, completed, reopened and deleted are counted", async () => {
    const p = await addProject();
    const q = await addProject();
    expect(await kept(p)).toEqual({ members: 0, open: 0 });

    await addMember(admin, p, alice, "owner");
    await addMember(admin, p, bob);
    await addMember(admin, q, carol, "owner");
    // One statement across two projects, two rows in one of them.
    const [first, second, third] = await addInstances(admin, [p, q, p]);
    expect(await kept(p)).toEqual({ members: 2, open: 2 });
    expect(await kept(q)).toEqual({ members: 1, open: 1 });

    await complete(admin, [first!, second!]);
    expect(await kept(p)).toEqual({ members: 2, open: 1 });
    expect(await kept(q)).toEqual({ members: 1, open: 0 });
    // Completing again, or a change that leaves it open, changes nothing.
    await complete(admin, [first!]);
    await admin.query("UPDATE workflow_instances SET state = 'submitted' WHERE id = $1", [third]);
    expect(await kept(p)).toEqual({ members: 2, open: 1 });
    // Reopened.
    await admin.query("UPDATE workflow_instances SET completed_at = NULL WHERE id = $1", [second]);
    expect(await kept(q)).toEqual({ members: 1, open: 1 });

    // Deleting an open and a completed instance: only the open one counted.
    await admin.query("DELETE FROM workflow_instances WHERE id = ANY ($1::uuid[])", [
      [first, third],
    ]);
    expect(await kept(p)).toEqual({ members: 2, open: 0 });

    // A role change is not a new member; a membership moved counts in both projects.
    await admin.query("UPDATE project_members SET role = 'viewer' WHERE user_id = $1", [bob]);
    expect(await kept(p)).toEqual({ members: 2, open: 0 });
    await admin.query(
      "UPDATE project_members SET project_id = $2 WHERE project_id = $1 AND user_id = $3",
      [p, q, bob],
    );
    expect(await kept(p)).toEqual({ members: 1, open: 0 });
    expect(await kept(q)).toEqual({ members: 2, open: 1 });
    await admin.query("DELETE FROM project_members WHERE project_id = $1 AND user_id = $2", [
      q,
      bob,
    ]);
    expect(await kept(q)).toEqual({ members: 1, open: 1 });
    expect(await real(q)).toEqual(await kept(q));
  });

  it("a user deleted leaves every project's member count; a deleted project takes its counters along", async () => {
    const p = await addProject();
    const dave = randomUUID();
    await admin.query(
      "INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1, $2, 'dave', 'x', now())",
      [dave, `dave-${dave}@example.com`],
    );
    await addMember(admin, p, alice, "owner");
    await addMember(admin, p, dave);
    await addInstances(admin, [p, p]);
    await admin.query("DELETE FROM users WHERE id = $1", [dave]);
    expect(await kept(p)).toEqual({ members: 1, open: 2 });

    await admin.query("DELETE FROM projects WHERE id = $1", [p]);
    expect(await kept(p)).toBeNull();
  });

  it("a project's id cannot change while its counters refer to it", async () => {
    const p = await addProject();
    await expect(
      admin.query("UPDATE projects SET id = gen_random_uuid() WHERE id = $1", [p]),
    ).rejects.toThrow(/project_counters_project_id_fkey/);
    expect(await kept(p)).toEqual({ members: 0, open: 0 });
  });

  it("a rolled-back change leaves the counts as they were", async () => {
    const p = await addProject();
    await admin.query("BEGIN");
    await addMember(admin, p, carol);
    await addInstances(admin, [p]);
    // The member is counted at once; the instance would be at commit.
    expect(await kept(p)).toEqual({ members: 1, open: 0 });
    await admin.query("ROLLBACK");
    expect(await kept(p)).toEqual({ members: 0, open: 0 });
  });

  it("TRUNCATE (the owner's) empties what it counted", async () => {
    const p = await addProject();
    await addMember(admin, p, alice, "owner");
    await addInstances(admin, [p]);
    await admin.query("BEGIN");
    await admin.query("TRUNCATE workflow_instances CASCADE");
    expect(await kept(p)).toEqual({ members: 1, open: 0 });
    await admin.query("ROLLBACK");
    expect(await kept(p)).toEqual({ members: 1, open: 1 });
  });

  it("the system role's rebuild repairs counters that were changed behind the triggers' back", async () => {
    const p = await addProject();
    await addInstances(admin, [p]);
    await admin.query(
      "UPDATE project_counters SET open_instance_count = 42 WHERE project_id = $1",
      [p],
    );
    expect(await drifted()).toEqual([p]);
    const system = await connect(db.systemUrl);
    await system.query("SELECT app.rebuild_project_counters()");
    expect(await kept(p)).toEqual({ members: 0, open: 1 });
  });
});

describe("concurrent writers", () => {
  it("two transactions starting instances in one project do not wait for each other; both land at commit", async () => {
    const p = await addProject();
    const [one, two] = [await connect(db.adminUrl), await connect(db.adminUrl)];
    await one.query("BEGIN");
    await two.query("BEGIN");
    // A wait on the first transaction's locks fails the second instead of hanging.
    await two.query("SET LOCAL lock_timeout = '2s'");
    await addInstances(one, [p]);
    await addInstances(two, [p, p]);
    await two.query("COMMIT");
    expect(await kept(p)).toEqual({ members: 0, open: 2 });
    await one.query("COMMIT");
    expect(await kept(p)).toEqual({ members: 0, open: 3 });
  });

  it("a completion and a start racing on one project, and a membership change, all land", async () => {
    const p = await addProject();
    const [open] = await addInstances(admin, [p]);
    const [one, two, three] = [
      await connect(db.adminUrl),
      await connect(db.adminUrl),
      await connect(db.adminUrl),
    ];
    for (const client of [one, two, three]) await client.query("BEGIN");
    await complete(one, [open!]);
    await addInstances(two, [p]);
    // Member counts are immediate: the third holds the counters row until it ends.
    await addMember(three, p, bob);
    const started = two.query("COMMIT");
    await waitingOnLock(two);
    await three.query("COMMIT");
    await started;
    await one.query("COMMIT");
    expect(await kept(p)).toEqual({ members: 1, open: 1 });
  });

  it("two statements touching the same two projects in opposite row orders both land", async () => {
    const p = await addProject();
    const q = await addProject();
    const [one, two] = [await connect(db.adminUrl), await connect(db.adminUrl)];
    await one.query("BEGIN");
    await two.query("BEGIN");
    await addInstances(one, [p, q]);
    await addInstances(two, [q, p]);
    await two.query("COMMIT");
    await one.query("COMMIT");
    expect(await kept(p)).toEqual({ members: 0, open: 2 });
    expect(await kept(q)).toEqual({ members: 0, open: 2 });
  });

  it("a project deleted while an instance is being started: one of them wins, the counts stay right", async () => {
    const p = await addProject();
    await addMember(admin, p, alice, "owner");
    const [one, two] = [await connect(db.adminUrl), await connect(db.adminUrl)];
    await one.query("BEGIN");
    await addInstances(one, [p]);
    await two.query("BEGIN");
    const deleted = two.query("DELETE FROM projects WHERE id = $1", [p]);
    await waitingOnLock(two);
    await one.query("COMMIT");
    await deleted;
    await two.query("COMMIT");
    expect(await kept(p)).toBeNull();
  });
});

describe("the application role", () => {
  /** Runs `work` as `userId` on the application role's connection, then rolls back. */
  async function as<T>(userId: string | null, work: () => Promise<T>, permissions = "") {
    await app.query("BEGIN");
    try {
      await app.query(
        "SELECT set_config('app.user_id', $1, true), set_config('app.permissions', $2, true)",
        [userId ?? "", permissions],
      );
      return await work();
    } finally {
      await app.query("ROLLBACK");
    }
  }
  const readable = async (ids: string[]) =>
    (
      await app.query<{ project_id: string }>(
        "SELECT project_id FROM project_counters WHERE project_id = ANY ($1::uuid[]) ORDER BY project_id",
        [ids],
      )
    ).rows.map((row) => row.project_id);

  it("reads the counters of exactly the projects it may read", async () => {
    const mine = await addProject();
    const theirs = await addProject();
    const internal = await addProject("internal");
    await addMember(admin, mine, bob, "viewer");
    await addMember(admin, theirs, carol, "owner");
    const all = [mine, theirs, internal];
    const expected = (ids: string[]) => [...ids].sort();

    expect(await as(bob, () => readable(all))).toEqual(expected([mine, internal]));
    // The same projects as the projects table shows the same caller.
    expect(
      await as(bob, async () =>
        (
          await app.query<{ id: string }>(
            "SELECT id FROM projects WHERE id = ANY ($1::uuid[]) ORDER BY id",
            [all],
          )
        ).rows.map((row) => row.id),
      ),
    ).toEqual(expected([mine, internal]));
    expect(await as(null, () => readable(all))).toEqual([]);
    expect(await as(bob, () => readable(all), "project.read_all")).toEqual(expected(all));
    // Managing every project is not reading every project (as for the projects table).
    expect(await as(bob, () => readable(all), "project.manage_all")).toEqual(
      expected([mine, internal]),
    );
  });

  it("may not write counters, nor run the rebuild", async () => {
    const mine = await addProject();
    await addMember(admin, mine, bob, "owner");
    for (const sql of [
      "UPDATE project_counters SET open_instance_count = 99 WHERE project_id = $1",
      "DELETE FROM project_counters WHERE project_id = $1",
      "INSERT INTO project_counters (project_id) VALUES ($1)",
    ])
      await expect(
        as(bob, () => app.query(sql, [mine]), "project.manage_all"),
      ).rejects.toMatchObject({ code: "42501" });
    await expect(
      as(bob, () => app.query("SELECT app.rebuild_project_counters()")),
    ).rejects.toMatchObject({ code: "42501" });
    expect(await kept(mine)).toEqual({ members: 1, open: 0 });
  });

  it("its own writes are counted: a member at once, an instance started as it commits", async () => {
    const created = randomUUID();
    await as(
      bob,
      async () => {
        await app.query(
          `INSERT INTO projects (id, name, description, visibility, created_by_id, updated_at)
           VALUES ($1, 'Mine', '', 'private', $2, now())`,
          [created, bob],
        );
        await addMember(app, created, bob, "owner");
        await addInstances(app, [created]);
        const { rows } = await app.query<Counts>(
          `SELECT member_count AS members, open_instance_count AS open FROM project_counters WHERE project_id = $1`,
          [created],
        );
        expect(rows).toEqual([{ members: 1, open: 0 }]);
      },
      "project.create",
    );
    expect(await kept(created)).toBeNull();
  });
});
