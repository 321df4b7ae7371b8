/**
 * Which users the users SELECT policy shows: the caller, everyone with
 * `user.read`, and the caller's co-members (members of a project the caller
 * is a member of). Checked for every caller of a small graph against that
 * rule written out as plain SQL on the superuser's connection, so a change
 * of the policy's shape cannot widen or narrow it unnoticed. Real
 * PostgreSQL, as the application role.
 */
import { randomUUID } from "node:crypto";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../src/testing";

let db: TestDatabase;
let admin: pg.Client;
let app: pg.Client;

const names = ["ada", "ben", "cy", "dee", "eve", "fay", "gus"] as const;
type Name = (typeof names)[number];
const ids = Object.fromEntries(names.map((name) => [name, randomUUID()])) as Record<Name, string>;
const nameOf = new Map(names.map((name) => [ids[name], name]));

async function addProject(
  visibility: "private" | "internal",
  members: Partial<Record<Name, "owner" | "editor" | "viewer">>,
): Promise<string> {
  const id = randomUUID();
  await admin.query(
    `INSERT INTO projects (id, name, description, visibility, created_by_id, updated_at)
     VALUES ($1, 'P', '', $2, $3, now())`,
    [id, visibility, ids.ada],
  );
  for (const [name, role] of Object.entries(members))
    await admin.query(
      "INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, $3)",
      [id, ids[name as Name], role],
    );
  return id;
}

/** The users `caller` sees through the policy, by name. */
async function visibleTo(caller: Name | null, permissions = "", only?: string[]) {
  await app.query("BEGIN");
  try {
    await app.query(
      "SELECT set_config('app.user_id', $1, true), set_config('app.permissions', $2, true)",
      [caller ? ids[caller] : "", permissions],
    );
    const { rows } = await app.query<{ id: string }>(
      only
        ? "SELECT id FROM users WHERE id = ANY ($1::uuid[])"
        : "SELECT id FROM users WHERE id = ANY ($1::uuid[]) OR $1 IS NULL",
      [only ?? null],
    );
    return rows.map((row) => nameOf.get(row.id) ?? row.id).sort();
  } finally {
    await app.query("ROLLBACK");
  }
}

/** The rule, written out: the caller and every member of a project the caller is a member of. */
async function rule(caller: Name): Promise<string[]> {
  const { rows } = await admin.query<{ id: string }>(
    `SELECT u.id FROM users u
      WHERE u.id = $1
         OR EXISTS (SELECT 1 FROM project_members mine
                      JOIN project_members other ON other.project_id = mine.project_id
                     WHERE mine.user_id = $1 AND other.user_id = u.id)`,
    [ids[caller]],
  );
  return rows.map((row) => nameOf.get(row.id) ?? row.id).sort();
}

beforeAll(async () => {
  db = await createTestDatabase();
  admin = new pg.Client({ connectionString: db.adminUrl });
  await admin.connect();
  app = new pg.Client({ connectionString: db.appUrl });
  await app.connect();
  for (const name of names)
    await admin.query(
      "INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1, $2, $3, 'x', now())",
      [ids[name], `${name}@example.com`, name],
    );
  // ada and ben share a private project; ben and cy another, where cy only views;
  // dee and eve are in an internal project that everyone may read but only they belong to;
  // fay is in a project of her own; gus belongs to nothing.
  await addProject("private", { ada: "owner", ben: "editor" });
  await addProject("private", { ben: "owner", cy: "viewer" });
  await addProject("internal", { dee: "owner", eve: "viewer" });
  await addProject("private", { fay: "owner" });
});

afterAll(async () => {
  await app.end();
  await admin.end();
  await db.drop();
});

describe("the users a caller may read", () => {
  it("are exactly themself and their co-members, for every caller", async () => {
    for (const caller of names) expect(await visibleTo(caller)).toEqual(await rule(caller));
    // The rule itself, spelt out for the graph above.
    expect(await visibleTo("ben")).toEqual(["ada", "ben", "cy"]);
    expect(await visibleTo("cy")).toEqual(["ben", "cy"]);
    expect(await visibleTo("gus")).toEqual(["gus"]);
  });

  it("reading an internal project does not make its members co-members", async () => {
    // ada may read the internal project (and its membership rows) but is not a member of it.
    await app.query("BEGIN");
    await app.query("SELECT set_config('app.user_id', $1, true)", [ids.ada]);
    const { rows } = await app.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM project_members WHERE user_id = ANY ($1::uuid[])",
      [[ids.dee, ids.eve]],
    );
    await app.query("ROLLBACK");
    expect(rows[0]?.n).toBe(2);
    expect(await visibleTo("ada", "", [ids.dee, ids.eve])).toEqual([]);
  });

  it("a page of named users shows only the co-members among them", async () => {
    expect(await visibleTo("ada", "", [ids.ben, ids.cy, ids.fay])).toEqual(["ben"]);
  });

  it("user.read shows everyone; no signed-in user sees no one", async () => {
    expect(await visibleTo("gus", "user.read")).toEqual([...names].sort());
    expect(await visibleTo(null)).toEqual([]);
  });

  it("a membership added in the transaction shows the project's members at the next statement", async () => {
    const project = await addProject("private", { fay: "owner" });
    await app.query("BEGIN");
    try {
      await app.query("SELECT set_config('app.user_id', $1, true)", [ids.fay]);
      await app.query("SELECT set_config('app.permissions', 'project.manage_all', true)");
      await app.query(
        "INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'viewer')",
        [project, ids.gus],
      );
      const { rows } = await app.query<{ id: string }>("SELECT id FROM users WHERE id = $1", [
        ids.gus,
      ]);
      expect(rows).toEqual([{ id: ids.gus }]);
    } finally {
      await app.query("ROLLBACK");
    }
    expect(await visibleTo("fay", "", [ids.gus])).toEqual([]);
  });
});
