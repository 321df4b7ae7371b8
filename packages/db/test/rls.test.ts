import { randomUUID } from "node:crypto";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPrismaClient } from "../src/client";
import { ANONYMOUS_SCOPE, withScope, type Scope } from "../src/scope";
import { createTestDatabase, type TestDatabase } from "../src/testing";
import { type PrismaClient } from "../src/generated/prisma/client";

let db: TestDatabase;
let admin: pg.Client;
let app: PrismaClient;
const alice = randomUUID();
const bob = randomUUID();
const asAlice: Scope = { userId: alice, permissions: [] };

beforeAll(async () => {
  db = await createTestDatabase();
  admin = new pg.Client({ connectionString: db.adminUrl });
  await admin.connect();
  for (const [id, name] of [
    [alice, "alice"],
    [bob, "bob"],
  ] as const) {
    await admin.query(
      "INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1, $2, $3, 'x', now())",
      [id, `${name}@example.com`, name],
    );
    await admin.query(
      `INSERT INTO sessions (id, user_id, device_label, expires_at) VALUES (gen_random_uuid(), $1, 'laptop', now() + interval '1 day')`,
      [id],
    );
    await admin.query(
      "INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE key = 'member'",
      [id],
    );
  }
  // A pool of one connection: every transaction reuses the same session.
  app = createPrismaClient({ connectionString: db.appUrl, max: 1 });
});

afterAll(async () => {
  await app.$disconnect();
  await admin.end();
  await db.drop();
});

describe("row level security through the application role", () => {
  it("scoped to Alice, Bob's rows are invisible", async () => {
    const seen = await withScope(app, asAlice, async (tx) => ({
      users: await tx.user.findMany({ select: { id: true } }),
      sessions: await tx.session.findMany({ select: { userId: true } }),
      roles: await tx.userRole.findMany({ select: { userId: true } }),
      bob: await tx.user.findUnique({ where: { id: bob }, select: { id: true } }),
      count: await tx.session.count(),
    }));
    expect(seen.users).toEqual([{ id: alice }]);
    expect(seen.sessions).toEqual([{ userId: alice }]);
    expect(seen.roles).toEqual([{ userId: alice }]);
    expect(seen.bob).toBeNull();
    expect(seen.count).toBe(1);
  });

  it("UPDATE and DELETE of Bob's rows change nothing", async () => {
    const changed = await withScope(app, asAlice, async (tx) => ({
      users: await tx.user.updateMany({ where: { id: bob }, data: { name: "pwned" } }),
      sessions: await tx.session.updateMany({
        where: { userId: bob },
        data: { revokedAt: new Date() },
      }),
      raw: await tx.$executeRaw`UPDATE sessions SET revoked_at = now() WHERE user_id = ${bob}::uuid`,
      roles: await tx.userRole.deleteMany({ where: { userId: bob } }),
    }));
    expect(changed).toEqual({
      users: { count: 0 },
      sessions: { count: 0 },
      raw: 0,
      roles: { count: 0 },
    });
    const { rows } = await admin.query(
      "SELECT (SELECT name FROM users WHERE id = $1) AS name, (SELECT count(*)::int FROM sessions WHERE user_id = $1 AND revoked_at IS NULL) AS live, (SELECT count(*)::int FROM user_roles WHERE user_id = $1) AS roles",
      [bob],
    );
    expect(rows[0]).toEqual({ name: "bob", live: 1, roles: 1 });
  });

  it("INSERT of a row owned by Bob fails", async () => {
    await expect(
      withScope(app, asAlice, (tx) =>
        tx.session.create({
          data: { userId: bob, deviceLabel: "x", expiresAt: new Date(Date.now() + 60_000) },
        }),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("an update cannot move Alice's row out of her reach (WITH CHECK)", async () => {
    await expect(
      withScope(
        app,
        asAlice,
        (tx) =>
          tx.$executeRaw`UPDATE sessions SET user_id = ${bob}::uuid WHERE user_id = ${alice}::uuid`,
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("a user cannot grant themself a role or promote themself to superuser", async () => {
    await expect(
      withScope(
        app,
        asAlice,
        (tx) =>
          tx.$executeRaw`INSERT INTO user_roles (user_id, role_id) SELECT ${alice}::uuid, id FROM roles WHERE key = 'admin'`,
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withScope(
        app,
        asAlice,
        (tx) => tx.$executeRaw`UPDATE users SET is_superuser = true WHERE id = ${alice}::uuid`,
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it("with no caller set, nothing is visible at all", async () => {
    const seen = await withScope(app, ANONYMOUS_SCOPE, async (tx) => ({
      users: await tx.user.count(),
      sessions: await tx.session.count(),
      roles: await tx.userRole.count(),
    }));
    expect(seen).toEqual({ users: 0, sessions: 0, roles: 0 });
    expect(await app.user.count()).toBe(0);
  });

  it("after a scoped transaction commits, the same pooled connection sees nothing", async () => {
    const pids = new Set<number>();
    await withScope(app, asAlice, async (tx) => {
      const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      if (row) pids.add(row.pid);
      expect(await tx.user.count()).toBe(1);
    });
    const after = await app.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ pid: number; user_id: string | null }[]>`
        SELECT pg_backend_pid() AS pid, current_setting('app.user_id', true) AS user_id`;
      if (row) pids.add(row.pid);
      return { users: await tx.user.count(), setting: row?.user_id };
    });
    expect(pids.size).toBe(1);
    expect(after).toEqual({ users: 0, setting: "" });
  });

  it("holders of user.read see every user; the setting is not a login bypass", async () => {
    const reader = await withScope(app, { userId: alice, permissions: ["user.read"] }, (tx) =>
      tx.user.count(),
    );
    expect(reader).toBe(2);
  });

  it("reading your own row does not compute your co-member set (the costly branch runs last)", async () => {
    type PlanNode = {
      "Relation Name"?: string;
      "Parent Relationship"?: string;
      "Actual Loops"?: number;
      Plans?: PlanNode[];
    };
    const coMemberLoops = async (id: string) =>
      withScope(app, asAlice, async (tx) => {
        const [row] = await tx.$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
          `EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) SELECT id FROM users WHERE id = '${id}'`,
        );
        const loops: number[] = [];
        // The co-member branch is the policy's only read of project_members: a subplan.
        const walk = (node: PlanNode, inSubPlan: boolean) => {
          const sub = inSubPlan || node["Parent Relationship"] === "SubPlan";
          if (sub && node["Relation Name"] === "project_members")
            loops.push(node["Actual Loops"] ?? -1);
          node.Plans?.forEach((child) => walk(child, sub));
        };
        if (row) walk(row["QUERY PLAN"][0].Plan, false);
        return loops;
      });
    expect(await coMemberLoops(alice)).toEqual([0]);
    // Someone else's row falls through to the co-member branch.
    expect(await coMemberLoops(bob)).toEqual([1]);
  });

  it("the caller's id and permissions are read inline, with the same answers", async () => {
    const { plan, answers } = await withScope(
      app,
      { userId: alice, permissions: ["user.read", "project.create"] },
      async (tx) => {
        const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
          "EXPLAIN VERBOSE SELECT app.current_user_id(), app.has_permission('user.read')",
        );
        const [values] = await tx.$queryRawUnsafe<
          { id: string | null; read: boolean; manage: boolean }[]
        >(
          "SELECT app.current_user_id()::text AS id, app.has_permission('user.read') AS read, app.has_permission('user.manage') AS manage",
        );
        return { plan: rows.map((row) => row["QUERY PLAN"]).join("\n"), answers: values };
      },
    );
    // Inlined: the plan holds the settings' reads, not calls of the functions.
    expect(plan).toContain("current_setting('app.user_id'");
    expect(plan).not.toMatch(/current_user_id\(|has_permission\(/);
    expect(answers).toEqual({ id: alice, read: true, manage: false });
    const anonymous = await withScope(app, ANONYMOUS_SCOPE, async (tx) =>
      tx.$queryRawUnsafe<{ id: string | null; read: boolean }[]>(
        "SELECT app.current_user_id()::text AS id, app.has_permission('user.read') AS read",
      ),
    );
    expect(anonymous).toEqual([{ id: null, read: false }]);
  });

  it("a malformed user id fails closed", async () => {
    await expect(
      withScope(app, { userId: "not-a-uuid", permissions: [] }, (tx) => tx.user.count()),
    ).rejects.toThrow(/uuid/);
  });
});

describe("the catalog", () => {
  const tablesWithoutUserData = ["_prisma_migrations"];

  it("every application table has RLS enabled, forced, and policies for each command it grants", async () => {
    const { rows } = await admin.query<{
      table: string;
      enabled: boolean;
      forced: boolean;
      policies: string[] | null;
      grants: string[] | null;
    }>(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             (SELECT array_agg(DISTINCT p.cmd) FROM pg_policy pol
                CROSS JOIN LATERAL (SELECT CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT'
                  WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS cmd) p
               WHERE pol.polrelid = c.oid) AS policies,
             (SELECT array_agg(DISTINCT g.privilege_type) FROM (
                SELECT t.privilege_type FROM information_schema.role_table_grants t
                 WHERE t.table_schema = 'public' AND t.table_name = c.relname AND t.grantee = 'fastnext_app'
                UNION
                -- Rights on some columns only (users, workflow_instances) need a policy all the same.
                SELECT k.privilege_type FROM information_schema.column_privileges k
                 WHERE k.table_schema = 'public' AND k.table_name = c.relname AND k.grantee = 'fastnext_app'
              ) g) AS grants
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
       ORDER BY c.relname`);
    const checked = rows.filter((row) => !tablesWithoutUserData.includes(row.table));
    expect(checked.length).toBeGreaterThan(5);
    for (const row of checked) {
      expect(row, row.table).toMatchObject({ enabled: true, forced: true });
      for (const command of row.grants ?? []) {
        if (!["SELECT", "INSERT", "UPDATE", "DELETE"].includes(command)) continue;
        const covered =
          (row.policies ?? []).includes(command) || (row.policies ?? []).includes("ALL");
        expect(covered, `${row.table}: ${command} granted without a policy`).toBe(true);
      }
    }
  });

  it("the app role cannot switch RLS off, and is neither superuser nor BYPASSRLS", async () => {
    const client = new pg.Client({ connectionString: db.appUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user",
      );
      expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
      await expect(client.query("ALTER TABLE users DISABLE ROW LEVEL SECURITY")).rejects.toThrow(
        /must be owner/,
      );
      await expect(client.query("ALTER TABLE users NO FORCE ROW LEVEL SECURITY")).rejects.toThrow(
        /must be owner/,
      );
      await expect(
        client.query("SET row_security = off; SELECT count(*) FROM users"),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await client.end();
    }
  });

  it("security-definer functions have a fixed search_path and no PUBLIC execute", async () => {
    const { rows } = await admin.query<{
      name: string;
      config: string[] | null;
      public_exec: boolean;
    }>(`
      SELECT p.proname AS name, p.proconfig AS config,
             has_function_privilege('public', p.oid, 'EXECUTE') AS public_exec
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE p.prosecdef AND n.nspname IN ('app', 'public')`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(
        row.config?.some((c) => c.startsWith("search_path=")),
        row.name,
      ).toBe(true);
      expect(row.public_exec, row.name).toBe(false);
    }
  });

  it("the permissions table mirrors the code catalogue", async () => {
    const { ALL_PERMISSIONS } = await import("@fastnext/validators");
    const { rows } = await admin.query<{ key: string }>("SELECT key FROM permissions ORDER BY key");
    expect(rows.map((r) => r.key)).toEqual([...ALL_PERMISSIONS].sort());
  });
});
