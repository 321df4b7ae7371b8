import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPrismaClient } from "../src/client";
import { type PrismaClient } from "../src/generated/prisma/client";
import {
  defineTableAccess,
  findAccessDrift,
  formatAccessDrift,
  ownerScoped,
  projectScoped,
  publicRead,
  renderAccessSql,
  tableAccess,
  TableAccessError,
  type AccessDrift,
  type TableAccess,
} from "../src/policies";
import { withScope, type Scope } from "../src/scope";
import { createTestDatabase, type TestDatabase } from "../src/testing";

/** Runs `work` in a transaction of `client` that is always rolled back. */
async function rolledBack<T>(client: pg.Client, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    return await work();
  } finally {
    await client.query("ROLLBACK");
  }
}

describe("declarations", () => {
  const problems = (access: TableAccess) => {
    try {
      defineTableAccess(access);
    } catch (error) {
      if (error instanceof TableAccessError) return error.problems;
      throw error;
    }
    return [];
  };
  const base = projectScoped({ table: "things" });

  it("the three builders are valid declarations", () => {
    for (const access of [
      base,
      ownerScoped({ table: "notes" }),
      publicRead({ table: "docs", writePermission: "doc.manage" }),
    ])
      expect(problems(access)).toEqual([]);
  });

  it("refuses duplicate names, ungranted commands, writes without WITH CHECK and uncovered grants", () => {
    const [select, insert, update] = base.policies;
    expect(
      problems({
        ...base,
        grants: { fastnext_app: { table: ["SELECT", "INSERT", "UPDATE"] } },
        policies: [select!, select!, insert!, { ...update!, withCheck: undefined }],
      }),
    ).toEqual([
      'policies.1.name: policy "things_select" is declared twice',
      "policies.3.withCheck: a UPDATE policy needs WITH CHECK",
    ]);
    expect(problems({ ...base, grants: { fastnext_app: { table: ["SELECT"] } } })).toEqual([
      'policies.1.command: policy "things_insert" is for INSERT, which no role it applies to is granted',
      'policies.2.command: policy "things_update" is for UPDATE, which no role it applies to is granted',
      'policies.3.command: policy "things_delete" is for DELETE, which no role it applies to is granted',
    ]);
    expect(problems({ ...base, policies: [select!] })).toEqual([
      "policies: INSERT is granted to fastnext_app but no policy covers it",
      "policies: UPDATE is granted to fastnext_app but no policy covers it",
      "policies: DELETE is granted to fastnext_app but no policy covers it",
    ]);
  });

  it("refuses SQL that would end the statement, bad names and policies without RLS", () => {
    const [select] = base.policies;
    expect(
      problems({
        table: "Things",
        grants: { fastnext_app: { table: ["SELECT"] } },
        rls: { enabled: false, forced: true },
        policies: [{ ...select!, using: "true; DROP TABLE users" }],
      }),
    ).toEqual([
      "table: must be a lower-case SQL name of at most 63 characters",
      "policies.0.using: must not contain a semicolon",
      "rls.forced: FORCE without ENABLE does nothing: enable RLS too",
      "rls.enabled: policies are declared but RLS is not enabled",
    ]);
    expect(() => defineTableAccess({ ...base, policies: [select!, select!] })).toThrow(
      /access of table "things" is invalid:\n {2}policies.1.name/,
    );
  });

  it("the registry holds each table once, sorted by name", () => {
    const names = tableAccess.map((access) => access.table);
    expect(names).toEqual([...new Set(names)].sort());
    expect(names).toContain("workflow_types");
  });
});

describe("renderAccessSql", () => {
  it("renders a project-scoped table", () => {
    expect(renderAccessSql(projectScoped({ table: "things" }))).toBe(
      `-- Access of "things", rendered from packages/db/src/policies/tables/things.ts
-- (pnpm db:policy:sql things). Change the declaration, then render again.
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "things" TO "fastnext_app";
ALTER TABLE "things" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "things" FORCE ROW LEVEL SECURITY;
CREATE POLICY "things_select" ON "things"
  FOR SELECT
  USING ("project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[]) OR "project_id" = ANY ((SELECT app.internal_project_ids())::uuid[]) OR (SELECT app.has_permission('project.read_all')) OR (SELECT app.has_permission('project.manage_all')));
CREATE POLICY "things_insert" ON "things"
  FOR INSERT
  WITH CHECK ("project_id" = ANY ((SELECT app.my_project_ids('editor'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')));
CREATE POLICY "things_update" ON "things"
  FOR UPDATE
  USING ("project_id" = ANY ((SELECT app.my_project_ids('editor'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')))
  WITH CHECK ("project_id" = ANY ((SELECT app.my_project_ids('editor'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')));
CREATE POLICY "things_delete" ON "things"
  FOR DELETE
  USING ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')));
`,
    );
  });

  it("renders an owner-scoped table, with a custom column and system grants", () => {
    expect(
      renderAccessSql(
        ownerScoped({ table: "notes", ownerColumn: "author_id", system: ["SELECT"] }),
      ),
    ).toBe(
      `-- Access of "notes", rendered from packages/db/src/policies/tables/notes.ts
-- (pnpm db:policy:sql notes). Change the declaration, then render again.
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "notes" TO "fastnext_app";
GRANT SELECT ON TABLE "notes" TO "fastnext_system";
ALTER TABLE "notes" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "notes" FORCE ROW LEVEL SECURITY;
CREATE POLICY "notes_select" ON "notes"
  FOR SELECT
  USING ("author_id" = (SELECT app.current_user_id()));
CREATE POLICY "notes_insert" ON "notes"
  FOR INSERT
  WITH CHECK ("author_id" = (SELECT app.current_user_id()));
CREATE POLICY "notes_update" ON "notes"
  FOR UPDATE
  USING ("author_id" = (SELECT app.current_user_id()))
  WITH CHECK ("author_id" = (SELECT app.current_user_id()));
CREATE POLICY "notes_delete" ON "notes"
  FOR DELETE
  USING ("author_id" = (SELECT app.current_user_id()));
`,
    );
  });

  it("renders a public-read table, quoting the permission as a literal", () => {
    expect(renderAccessSql(publicRead({ table: "docs", writePermission: "doc.o'manage" }))).toBe(
      `-- Access of "docs", rendered from packages/db/src/policies/tables/docs.ts
-- (pnpm db:policy:sql docs). Change the declaration, then render again.
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "docs" TO "fastnext_app";
ALTER TABLE "docs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "docs" FORCE ROW LEVEL SECURITY;
CREATE POLICY "docs_select" ON "docs"
  FOR SELECT
  USING ((SELECT app.current_user_id()) IS NOT NULL);
CREATE POLICY "docs_insert" ON "docs"
  FOR INSERT
  WITH CHECK ((SELECT app.has_permission('doc.o''manage')));
CREATE POLICY "docs_update" ON "docs"
  FOR UPDATE
  USING ((SELECT app.has_permission('doc.o''manage')))
  WITH CHECK ((SELECT app.has_permission('doc.o''manage')));
CREATE POLICY "docs_delete" ON "docs"
  FOR DELETE
  USING ((SELECT app.has_permission('doc.o''manage')));
`,
    );
  });

  it("renders a restrictive policy bound to named roles", () => {
    const access = defineTableAccess({
      table: "audits",
      grants: { fastnext_app: { table: ["SELECT"] }, fastnext_system: { table: ["SELECT"] } },
      rls: { enabled: true, forced: true },
      policies: [
        { name: "audits_select", command: "select", using: "true" },
        {
          name: "audits_recent",
          command: "all",
          roles: ["fastnext_system", "fastnext_app"],
          restrictive: true,
          using: "created_at > now() - interval '1 year'",
          withCheck: "true",
        },
      ],
    });
    expect(renderAccessSql(access)).toContain(
      `CREATE POLICY "audits_recent" ON "audits"
  AS RESTRICTIVE
  FOR ALL
  TO "fastnext_app", "fastnext_system"
  USING (created_at > now() - interval '1 year')
  WITH CHECK (true);`,
    );
  });

  it("renders column grants sorted, and leaves RLS alone where it is declared off", () => {
    const users = tableAccess.find((access) => access.table === "users");
    expect(renderAccessSql(users!)).toContain(
      'GRANT UPDATE ("avatar_url", "email", "failed_login_count",',
    );
    const ledger = tableAccess.find((access) => access.table === "_prisma_migrations");
    expect(renderAccessSql(ledger!).split("\n").slice(2)).toEqual([
      'GRANT SELECT ON TABLE "_prisma_migrations" TO "fastnext_app";',
      'GRANT SELECT ON TABLE "_prisma_migrations" TO "fastnext_system";',
      "",
    ]);
  });
});

describe("the live catalogue against the declarations", () => {
  let db: TestDatabase;
  let admin: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = new pg.Client({ connectionString: db.adminUrl });
    await admin.connect();
  });

  afterAll(async () => {
    await admin.end();
    await db.drop();
  });

  const driftAfter = (change: string, declarations: readonly TableAccess[] = tableAccess) =>
    rolledBack(admin, async () => {
      await admin.query(change);
      return findAccessDrift(admin, declarations);
    });

  it("match: every table, grant, RLS switch and policy is declared as it is", async () => {
    const drift = await rolledBack(admin, () => findAccessDrift(admin, tableAccess));
    expect(formatAccessDrift(drift)).toBe("");
  });

  it("a weakened policy is reported, and only it", async () => {
    const drift = await driftAfter(
      "ALTER POLICY notifications_select ON notifications USING (true)",
    );
    expect(drift).toEqual<AccessDrift[]>([
      {
        table: "notifications",
        fact: "policy notifications_select",
        declared:
          "FOR SELECT TO public PERMISSIVE USING (user_id = ( SELECT app.current_user_id() AS current_user_id))",
        live: "FOR SELECT TO public PERMISSIVE USING true",
      },
    ]);
    expect(formatAccessDrift(drift)).toBe(
      [
        "notifications: policy notifications_select",
        "  declared: FOR SELECT TO public PERMISSIVE USING (user_id = ( SELECT app.current_user_id() AS current_user_id))",
        "  database: FOR SELECT TO public PERMISSIVE USING true",
      ].join("\n"),
    );
  });

  it("a policy moved to other roles or made restrictive is reported", async () => {
    const drift = await driftAfter(
      "ALTER POLICY permissions_select ON permissions TO fastnext_app",
    );
    expect(drift).toEqual([
      {
        table: "permissions",
        fact: "policy permissions_select",
        declared: "FOR SELECT TO public PERMISSIVE USING true",
        live: "FOR SELECT TO fastnext_app PERMISSIVE USING true",
      },
    ]);
    const restrictive = await driftAfter(
      "DROP POLICY permissions_select ON permissions; CREATE POLICY permissions_select ON permissions AS RESTRICTIVE FOR SELECT USING (true)",
    );
    expect(restrictive.map((entry) => entry.live)).toEqual([
      "FOR SELECT TO public RESTRICTIVE USING true",
    ]);
  });

  it("an undeclared grant, table or column, is reported", async () => {
    expect(await driftAfter("GRANT DELETE ON notifications TO fastnext_app")).toEqual([
      { table: "notifications", fact: "grant fastnext_app DELETE", live: "granted" },
    ]);
    expect(await driftAfter('GRANT UPDATE ("title") ON notifications TO fastnext_app')).toEqual([
      { table: "notifications", fact: "grant fastnext_app UPDATE (title)", live: "granted" },
    ]);
    expect(await driftAfter("GRANT SELECT ON roles TO PUBLIC")).toEqual([
      { table: "roles", fact: "grant PUBLIC SELECT", live: "granted" },
    ]);
  });

  it("a revoked grant, a dropped policy and RLS switched off are reported as missing", async () => {
    expect(await driftAfter("REVOKE UPDATE (read_at) ON notifications FROM fastnext_app")).toEqual([
      {
        table: "notifications",
        fact: "grant fastnext_app UPDATE (read_at)",
        declared: "granted",
      },
    ]);
    const dropped = await driftAfter("DROP POLICY sessions_insert ON sessions");
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ table: "sessions", fact: "policy sessions_insert" });
    expect(dropped[0]?.live).toBeUndefined();
    expect(await driftAfter("ALTER TABLE projects NO FORCE ROW LEVEL SECURITY")).toEqual([
      { table: "projects", fact: "rls", declared: "enabled, forced", live: "enabled, not forced" },
    ]);
  });

  it("an undeclared table is reported; a declared table missing from the database too", async () => {
    expect(
      await driftAfter("CREATE TABLE stray (id int); GRANT SELECT ON stray TO fastnext_app"),
    ).toEqual([{ table: "stray", fact: "table", live: "exists, with no declaration" }]);
    const ghost = ownerScoped({ table: "ghosts" });
    expect(await driftAfter("SELECT 1", [...tableAccess, ghost])).toEqual([
      { table: "ghosts", fact: "table", declared: "exists" },
    ]);
  });

  it("a declared expression PostgreSQL cannot parse is reported with its error", async () => {
    const declarations = tableAccess.map((access) =>
      access.table !== "permissions"
        ? access
        : defineTableAccess({
            ...access,
            policies: [{ name: "permissions_select", command: "select", using: "no_such_column" }],
          }),
    );
    const drift = await driftAfter("SELECT 1", declarations);
    expect(drift).toHaveLength(1);
    expect(drift[0]?.declared).toMatch(
      /^\(PostgreSQL refuses it: column "no_such_column" does not exist\)$/,
    );
  });
});

describe("the builders' policies, applied to scratch tables", () => {
  let db: TestDatabase;
  let admin: pg.Client;
  let app: PrismaClient;
  const scratch = [
    projectScoped({ table: "scoped_things" }),
    ownerScoped({ table: "owned_notes" }),
    publicRead({ table: "public_docs", writePermission: "doc.manage" }),
  ];
  const users = {
    owner: randomUUID(),
    editor: randomUUID(),
    viewer: randomUUID(),
    outsider: randomUUID(),
    manager: randomUUID(),
  };
  const project = randomUUID();
  const otherProject = randomUUID();
  const thing = randomUUID();
  const note = randomUUID();
  const doc = randomUUID();
  const as = (userId: string | null, permissions: string[] = []): Scope => ({
    userId,
    permissions,
  });

  /** Thrown to roll a scoped transaction back, carrying what the statement did. */
  class Rollback extends Error {
    constructor(readonly rows: number) {
      super("rolled back on purpose");
    }
  }

  /** Rows the statement touched for the caller, or "refused"; always rolled back. */
  async function attempt(scope: Scope, sql: string): Promise<number | "refused"> {
    try {
      await withScope(app, scope, async (tx) => {
        throw new Rollback(await tx.$executeRawUnsafe(sql));
      });
    } catch (error) {
      if (error instanceof Rollback) return error.rows;
      if (error instanceof Error && /row-level security/.test(error.message)) return "refused";
      throw error;
    }
    throw new Error("the statement neither ran nor failed");
  }

  const visible = (scope: Scope, table: string) =>
    withScope(app, scope, async (tx) => {
      const [row] = await tx.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ${table}`,
      );
      return row?.n;
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = new pg.Client({ connectionString: db.adminUrl });
    await admin.connect();
    for (const [name, id] of Object.entries(users))
      await admin.query(
        "INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1, $2, $3, 'x', now())",
        [id, `${name}@example.com`, name],
      );
    for (const id of [project, otherProject])
      await admin.query(
        "INSERT INTO projects (id, name, created_by_id, updated_at) VALUES ($1, 'p', $2, now())",
        [id, users.owner],
      );
    await admin.query(
      `INSERT INTO project_members (project_id, user_id, role) VALUES
         ($1, $2, 'owner'), ($1, $3, 'editor'), ($1, $4, 'viewer'), ($5, $2, 'owner')`,
      [project, users.owner, users.editor, users.viewer, otherProject],
    );

    // As migrations do: the owner creates the tables and applies the rendered access.
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      await owner.query(`
        CREATE TABLE scoped_things (id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
          project_id uuid NOT NULL REFERENCES projects (id), title text NOT NULL);
        CREATE TABLE owned_notes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
          owner_id uuid NOT NULL REFERENCES users (id), title text NOT NULL);
        CREATE TABLE public_docs (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), title text NOT NULL);
        ${scratch.map(renderAccessSql).join("\n")}`);
    } finally {
      await owner.end();
    }
    await admin.query("INSERT INTO scoped_things (id, project_id, title) VALUES ($1, $2, 't')", [
      thing,
      project,
    ]);
    await admin.query("INSERT INTO owned_notes (id, owner_id, title) VALUES ($1, $2, 'n')", [
      note,
      users.viewer,
    ]);
    await admin.query("INSERT INTO public_docs (id, title) VALUES ($1, 'd')", [doc]);
    app = createPrismaClient({ connectionString: db.appUrl, max: 2 });
  });

  afterAll(async () => {
    await app.$disconnect();
    await admin.end();
    await db.drop();
  });

  it("the rendered SQL is exactly what the declarations say (no drift)", async () => {
    const drift = await rolledBack(admin, () =>
      findAccessDrift(admin, [...tableAccess, ...scratch]),
    );
    expect(formatAccessDrift(drift)).toBe("");
  });

  it("project scope: viewers read, editors insert and update, owners delete, manage_all all", async () => {
    const scopes = {
      viewer: as(users.viewer),
      editor: as(users.editor),
      owner: as(users.owner),
      outsider: as(users.outsider),
      manageAll: as(users.manager, ["project.manage_all"]),
      readAll: as(users.manager, ["project.read_all"]),
    };
    const matrix: Record<string, unknown> = {};
    for (const [who, scope] of Object.entries(scopes))
      matrix[who] = {
        read: await visible(scope, "scoped_things"),
        insert: await attempt(
          scope,
          `INSERT INTO scoped_things (project_id, title) VALUES ('${project}', 'new')`,
        ),
        update: await attempt(scope, `UPDATE scoped_things SET title = 'x' WHERE id = '${thing}'`),
        delete: await attempt(scope, `DELETE FROM scoped_things WHERE id = '${thing}'`),
      };
    expect(matrix).toEqual({
      viewer: { read: 1, insert: "refused", update: 0, delete: 0 },
      editor: { read: 1, insert: 1, update: 1, delete: 0 },
      owner: { read: 1, insert: 1, update: 1, delete: 1 },
      outsider: { read: 0, insert: "refused", update: 0, delete: 0 },
      manageAll: { read: 1, insert: 1, update: 1, delete: 1 },
      readAll: { read: 1, insert: "refused", update: 0, delete: 0 },
    });
    // WITH CHECK: an editor cannot move a row into a project they do not edit.
    expect(
      await attempt(
        scopes.editor,
        `UPDATE scoped_things SET project_id = '${otherProject}' WHERE id = '${thing}'`,
      ),
    ).toBe("refused");
    expect(await visible(as(null), "scoped_things")).toBe(0);
  });

  it("project scope: an internal project's rows are read by everyone signed in, changed by its editors only", async () => {
    const outsider = as(users.outsider);
    await admin.query("UPDATE projects SET visibility = 'internal' WHERE id = $1", [project]);
    try {
      expect({
        read: await visible(outsider, "scoped_things"),
        insert: await attempt(
          outsider,
          `INSERT INTO scoped_things (project_id, title) VALUES ('${project}', 'new')`,
        ),
        update: await attempt(
          outsider,
          `UPDATE scoped_things SET title = 'x' WHERE id = '${thing}'`,
        ),
        delete: await attempt(outsider, `DELETE FROM scoped_things WHERE id = '${thing}'`),
        anonymous: await visible(as(null), "scoped_things"),
      }).toEqual({ read: 1, insert: "refused", update: 0, delete: 0, anonymous: 0 });
    } finally {
      await admin.query("UPDATE projects SET visibility = 'private' WHERE id = $1", [project]);
    }
    expect(await visible(outsider, "scoped_things")).toBe(0);
  });

  it("owner scope: only the row's user reads, changes or deletes it, and only as themself", async () => {
    const mine = as(users.viewer);
    const theirs = as(users.outsider);
    const rowsOf = async (scope: Scope) => ({
      read: await visible(scope, "owned_notes"),
      insertOwn: await attempt(
        scope,
        `INSERT INTO owned_notes (owner_id, title) VALUES ('${scope.userId}', 'n')`,
      ),
      insertForOther: await attempt(
        scope,
        `INSERT INTO owned_notes (owner_id, title) VALUES ('${users.editor}', 'n')`,
      ),
      update: await attempt(scope, `UPDATE owned_notes SET title = 'x' WHERE id = '${note}'`),
      giveAway: await attempt(
        scope,
        `UPDATE owned_notes SET owner_id = '${users.editor}' WHERE id = '${note}'`,
      ),
      delete: await attempt(scope, `DELETE FROM owned_notes WHERE id = '${note}'`),
    });
    expect(await rowsOf(mine)).toEqual({
      read: 1,
      insertOwn: 1,
      insertForOther: "refused",
      update: 1,
      giveAway: "refused",
      delete: 1,
    });
    expect(await rowsOf(theirs)).toEqual({
      read: 0,
      insertOwn: 1,
      insertForOther: "refused",
      update: 0,
      giveAway: 0,
      delete: 0,
    });
    expect(await visible(as(null), "owned_notes")).toBe(0);
  });

  it("public read: every signed-in user reads, the permission writes, nobody else", async () => {
    const rowsOf = async (scope: Scope) => ({
      read: await visible(scope, "public_docs"),
      insert: await attempt(scope, "INSERT INTO public_docs (title) VALUES ('new')"),
      update: await attempt(scope, `UPDATE public_docs SET title = 'x' WHERE id = '${doc}'`),
      delete: await attempt(scope, `DELETE FROM public_docs WHERE id = '${doc}'`),
    });
    expect(await rowsOf(as(users.outsider))).toEqual({
      read: 1,
      insert: "refused",
      update: 0,
      delete: 0,
    });
    expect(await rowsOf(as(users.outsider, ["doc.manage"]))).toEqual({
      read: 1,
      insert: 1,
      update: 1,
      delete: 1,
    });
    expect(await rowsOf(as(null))).toEqual({ read: 0, insert: "refused", update: 0, delete: 0 });
  });
});

describe("pnpm db:policy:sql", () => {
  const script = fileURLToPath(new URL("../scripts/policy-sql.ts", import.meta.url));
  const run = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ["--import", "tsx", script, ...args], (error, stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      );
    });

  it("prints the rendered SQL of a declared table", async () => {
    const notifications = tableAccess.find((access) => access.table === "notifications");
    expect(await run("notifications")).toEqual({
      code: 0,
      stdout: renderAccessSql(notifications!),
      stderr: "",
    });
  });

  it("an unknown table is an error naming it, with exit code 1 and nothing printed", async () => {
    const result = await run("nope");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^no access is declared for table "nope": declare it in packages\/db\/src\/policies\/tables\/nope\.ts/,
    );
  });
});
