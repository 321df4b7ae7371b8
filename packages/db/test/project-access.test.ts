/**
 * The caller's memberships as the policies read them (app.my_project_ids,
 * backed by app.user_project_access): fresh within the transaction that
 * changes them, never carried from one caller to the next on a pooled
 * connection, and out of the application role's reach. Real PostgreSQL,
 * as the application role.
 */
import { randomUUID } from "node:crypto";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../src/testing";

let db: TestDatabase;
let admin: pg.Client;
/** One connection of the application role: every transaction reuses the same session. */
let app: pg.Client;

const alice = randomUUID();
const bob = randomUUID();
const carol = randomUUID();

async function addUser(id: string, name: string): Promise<void> {
  await admin.query(
    "INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1, $2, $3, 'x', now())",
    [id, `${name}-${id}@example.com`, name],
  );
}

/** A private project with its members, written by the superuser. */
async function addProject(members: Record<string, "owner" | "editor" | "viewer">) {
  const id = randomUUID();
  await admin.query(
    `INSERT INTO projects (id, name, description, visibility, created_by_id, updated_at)
     VALUES ($1, 'P', '', 'private', $2, now())`,
    [id, Object.keys(members)[0]],
  );
  for (const [userId, role] of Object.entries(members))
    await admin.query(
      "INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, $3)",
      [id, userId, role],
    );
  return id;
}

/** Runs `work` in one application-role transaction, as `userId`; rolls back unless told to commit. */
async function as<T>(
  userId: string,
  work: () => Promise<T>,
  { commit = false, permissions = "" } = {},
): Promise<T> {
  await app.query("BEGIN");
  try {
    await app.query(
      "SELECT set_config('app.user_id', $1, true), set_config('app.permissions', $2, true)",
      [userId, permissions],
    );
    const result = await work();
    await app.query(commit ? "COMMIT" : "ROLLBACK");
    return result;
  } catch (error) {
    await app.query("ROLLBACK");
    throw error;
  }
}

async function myProjects(role: "viewer" | "editor" | "owner"): Promise<string[]> {
  const { rows } = await app.query<{ ids: string[] }>(
    "SELECT app.my_project_ids($1::project_role)::text[] AS ids",
    [role],
  );
  return [...(rows[0]?.ids ?? [])].sort();
}

async function visibleProjects(): Promise<string[]> {
  const { rows } = await app.query<{ id: string }>("SELECT id FROM projects ORDER BY id");
  return rows.map((row) => row.id);
}

/** The error `sql` fails with ("no error" if none), inside a savepoint so the transaction goes on. */
async function sqlError(sql: string, values: unknown[] = []): Promise<string> {
  await app.query("SAVEPOINT attempt");
  try {
    await app.query(sql, values);
    await app.query("RELEASE SAVEPOINT attempt");
    return "no error";
  } catch (error) {
    await app.query("ROLLBACK TO SAVEPOINT attempt");
    return error instanceof Error ? error.message : String(error);
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  admin = new pg.Client({ connectionString: db.adminUrl });
  await admin.connect();
  app = new pg.Client({ connectionString: db.appUrl });
  await app.connect();
  await addUser(alice, "alice");
  await addUser(bob, "bob");
  await addUser(carol, "carol");
});

afterAll(async () => {
  await app.end();
  await admin.end();
  await db.drop();
});

describe("memberships in the same transaction", () => {
  it("a project its creator just made is theirs at the next statement", async () => {
    const id = randomUUID();
    const seen = await as(
      alice,
      async () => {
        await app.query(
          `INSERT INTO projects (id, name, description, visibility, created_by_id, updated_at)
           VALUES ($1, 'Mine', '', 'private', $2, now())`,
          [id, alice],
        );
        const before = await visibleProjects();
        await app.query(
          "INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'owner')",
          [id, alice],
        );
        return { before, after: await visibleProjects(), owner: await myProjects("owner") };
      },
      { permissions: "project.create" },
    );
    expect(seen.before).not.toContain(id);
    expect(seen.after).toContain(id);
    expect(seen.owner).toContain(id);
  });

  it("a member who leaves no longer sees the project at the next statement", async () => {
    const id = await addProject({ [alice]: "owner", [bob]: "editor" });
    const seen = await as(bob, async () => {
      const before = await visibleProjects();
      await app.query("DELETE FROM project_members WHERE project_id = $1 AND user_id = $2", [
        id,
        bob,
      ]);
      return {
        before,
        after: await visibleProjects(),
        instances: await app.query("SELECT 1 FROM workflow_instances WHERE project_id = $1", [id]),
        viewer: await myProjects("viewer"),
      };
    });
    expect(seen.before).toContain(id);
    expect(seen.after).not.toContain(id);
    expect(seen.viewer).not.toContain(id);
    expect(seen.instances.rowCount).toBe(0);
  });

  it("an editor made viewer loses editing at the next statement", async () => {
    const id = await addProject({ [alice]: "owner", [bob]: "editor" });
    const renames = await as(alice, async () => {
      await app.query(
        "UPDATE project_members SET role = 'viewer' WHERE project_id = $1 AND user_id = $2",
        [id, bob],
      );
      // The same transaction, now acting for Bob.
      await app.query("SELECT set_config('app.user_id', $1, true)", [bob]);
      const renamed = await app.query("UPDATE projects SET name = 'Renamed' WHERE id = $1", [id]);
      return {
        renamed: renamed.rowCount,
        editor: await myProjects("editor"),
        viewer: await myProjects("viewer"),
      };
    });
    expect(renames.renamed).toBe(0);
    expect(renames.editor).not.toContain(id);
    expect(renames.viewer).toContain(id);
  });

  it("a membership rolled back is gone, a committed one stays", async () => {
    const id = await addProject({ [alice]: "owner" });
    await as(alice, () =>
      app.query(
        "INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'viewer')",
        [id, carol],
      ),
    );
    expect(await as(carol, visibleProjects)).not.toContain(id);
    await as(
      alice,
      () =>
        app.query(
          "INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'viewer')",
          [id, carol],
        ),
      { commit: true },
    );
    expect(await as(carol, visibleProjects)).toContain(id);
  });

  it("deleting a project takes it out of every member's set", async () => {
    const id = await addProject({ [alice]: "owner", [bob]: "viewer" });
    expect(await as(bob, () => myProjects("viewer"))).toContain(id);
    await admin.query("DELETE FROM projects WHERE id = $1", [id]);
    expect(await as(bob, () => myProjects("viewer"))).not.toContain(id);
    expect(await as(alice, () => myProjects("owner"))).not.toContain(id);
  });
});

describe("one pooled connection, callers one after the other", () => {
  it("the next caller never sees the previous caller's projects", async () => {
    const id = await addProject({ [alice]: "owner" });
    const pid = async () =>
      (await app.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid;
    const first = await as(alice, async () => ({
      pid: await pid(),
      seen: await visibleProjects(),
    }));
    const second = await as(carol, async () => ({
      pid: await pid(),
      seen: await visibleProjects(),
      ids: await myProjects("viewer"),
    }));
    const nobody = await app.query<{ ids: string[] }>(
      "SELECT app.my_project_ids('viewer')::text[] AS ids",
    );
    expect(second.pid).toBe(first.pid);
    expect(first.seen).toContain(id);
    expect(second.seen).not.toContain(id);
    expect(second.ids).not.toContain(id);
    expect(nobody.rows[0]?.ids).toEqual([]);
  });
});

describe("the application role cannot widen its own access", () => {
  it("cannot read or write the membership table", async () => {
    const id = await addProject({ [alice]: "owner" });
    const errors = await as(carol, async () => [
      await sqlError("SELECT * FROM app.user_project_access"),
      await sqlError(
        "INSERT INTO app.user_project_access (user_id, viewer_ids) VALUES ($1, ARRAY[$2::uuid])",
        [carol, id],
      ),
      await sqlError("UPDATE app.user_project_access SET viewer_ids = ARRAY[$1::uuid]", [id]),
      await sqlError("DELETE FROM app.user_project_access"),
      await sqlError("SELECT app.rebuild_user_project_access()"),
    ]);
    for (const message of errors) expect(message).toMatch(/permission denied/);
  });

  it("settings it forges change nothing: only app.user_id names the caller", async () => {
    const id = await addProject({ [alice]: "owner" });
    const seen = await as(carol, async () => {
      // Names a caching scheme might use, all set to Alice's project.
      for (const name of ["app.project_ids", "app.memberships", "app.user_project_access"])
        await app.query("SELECT set_config($1, $2, true)", [name, `{${id}}`]);
      await app.query("SELECT set_config('app.access_version', '999', true)");
      return { projects: await visibleProjects(), ids: await myProjects("viewer") };
    });
    expect(seen.projects).not.toContain(id);
    expect(seen.ids).not.toContain(id);
  });

  it("cannot plant a look-alike table in its own temporary schema", async () => {
    const id = await addProject({ [alice]: "owner" });
    const seen = await as(carol, async () => {
      // Allowed or not, a table of the caller's own must not be what the policies read.
      const created = await sqlError(
        "CREATE TEMP TABLE user_project_access (user_id uuid, viewer_ids uuid[], editor_ids uuid[], owner_ids uuid[])",
      );
      if (created === "no error")
        await app.query("INSERT INTO pg_temp.user_project_access VALUES ($1, $2, $2, $2)", [
          carol,
          [id],
        ]);
      return await visibleProjects();
    });
    expect(seen).not.toContain(id);
  });
});

describe("concurrent changes", () => {
  it("two transactions adding one user to two projects both land", async () => {
    const first = await addProject({ [alice]: "owner" });
    const second = await addProject({ [alice]: "owner" });
    const other = new pg.Client({ connectionString: db.adminUrl });
    await other.connect();
    try {
      await admin.query("BEGIN");
      await other.query("BEGIN");
      await admin.query(
        "INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'editor')",
        [first, carol],
      );
      // Waits for the first transaction's row of Carol's memberships.
      const pending = other.query(
        "INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'viewer')",
        [second, carol],
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      await admin.query("COMMIT");
      await pending;
      await other.query("COMMIT");
    } finally {
      await other.end();
    }
    const ids = await as(carol, () => myProjects("viewer"));
    expect(ids).toEqual(expect.arrayContaining([first, second]));
    expect(await as(carol, () => myProjects("editor"))).toEqual(expect.arrayContaining([first]));
  });

  it("after every change above, the kept sets equal what project_members says", async () => {
    const { rows } = await admin.query<{ mismatches: number }>(`
      WITH expected AS (
        SELECT user_id,
               array_agg(project_id ORDER BY project_id) AS viewer_ids,
               coalesce(array_agg(project_id ORDER BY project_id) FILTER (WHERE role IN ('editor', 'owner')), '{}') AS editor_ids,
               coalesce(array_agg(project_id ORDER BY project_id) FILTER (WHERE role = 'owner'), '{}') AS owner_ids
          FROM project_members GROUP BY user_id),
      kept AS (
        SELECT user_id,
               ARRAY(SELECT unnest(viewer_ids) ORDER BY 1) AS viewer_ids,
               ARRAY(SELECT unnest(editor_ids) ORDER BY 1) AS editor_ids,
               ARRAY(SELECT unnest(owner_ids) ORDER BY 1) AS owner_ids
          FROM app.user_project_access WHERE cardinality(viewer_ids) > 0)
      SELECT count(*)::int AS mismatches
        FROM expected e FULL JOIN kept k USING (user_id)
       WHERE e.viewer_ids IS DISTINCT FROM k.viewer_ids OR e.editor_ids IS DISTINCT FROM k.editor_ids
          OR e.owner_ids IS DISTINCT FROM k.owner_ids`);
    const { rows: members } = await admin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM project_members",
    );
    expect(members[0]?.n).toBeGreaterThan(5);
    expect(rows[0]?.mismatches).toBe(0);
  });
});
