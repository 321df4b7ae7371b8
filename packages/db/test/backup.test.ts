/**
 * db:backup and db:restore over the real server: a seeded database dumped,
 * restored into a fresh one, compared table by table, and Row Level Security
 * checked on the copy as the application role. The failure paths leave no
 * archive and no half-restored database behind.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createDatabase, dropDatabase, seedDemoData } from "../src/admin";
import { backupDatabase, BackupError, findPgTool, restoreDatabase } from "../src/admin/backup";
import { backupCli, restoreCli } from "../src/admin/backup/cli";
import { createPrismaClient } from "../src/client";
import { expectedMigrations } from "../src/generated/migrations";
import {
  createTestDatabase,
  runDatabaseName,
  testRoleUrls,
  type TestDatabase,
} from "../src/testing";

const serverAdminUrl = (): string => {
  const url = process.env.FASTNEXT_TEST_ADMIN_URL;
  if (!url) throw new Error("FASTNEXT_TEST_ADMIN_URL is not set: run through vitest");
  return url;
};

let source: TestDatabase;
let folder: string;
let archive: string;
const created: string[] = [];
const alice = randomUUID();
const bob = randomUUID();
const search = { searchPath: process.env.PATH };
/** Login roles made for this file (the server's roles outlive its databases). */
const roles: string[] = [];

/** A login role with the given attributes on the test server; its URL for `database`. */
async function loginRole(attributes: string, database: string): Promise<string> {
  const name = `fastnext_backup_test_${randomBytes(4).toString("hex")}`;
  await withClient(serverAdminUrl(), (c) =>
    c.query(`CREATE ROLE ${name} LOGIN PASSWORD 'backup-test-password' ${attributes}`),
  );
  roles.push(name);
  const url = new URL(testRoleUrls(serverAdminUrl(), database).adminUrl);
  url.username = name;
  url.password = "backup-test-password";
  return url.toString();
}

/** An empty database owned by the owner role, dropped after the file. */
async function freshDatabase(options: { ownedBySuperuser?: boolean } = {}) {
  const name = runDatabaseName("fastnext_test_", `restore_${randomBytes(4).toString("hex")}`);
  if (options.ownedBySuperuser) {
    await withClient(serverAdminUrl(), (c) => c.query(`CREATE DATABASE "${name}"`));
  } else {
    await createDatabase(serverAdminUrl(), name);
  }
  created.push(name);
  return testRoleUrls(serverAdminUrl(), name);
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every table of the database's own schemas, with its row count and a digest of all its rows. */
async function tableDigests(adminUrl: string) {
  return withClient(adminUrl, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
    );
    const digests: Record<string, { rows: number; digest: string | null }> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ rows: number; digest: string | null }>(
        `SELECT count(*)::int AS rows, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS digest FROM ${name} t`,
      );
      digests[name] = rows[0] ?? { rows: -1, digest: null };
    }
    return digests;
  });
}

async function relationCount(adminUrl: string): Promise<number> {
  return withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp)'`,
    );
    return rows[0]?.n ?? -1;
  });
}

async function failure(work: Promise<unknown>): Promise<BackupError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof BackupError) return error;
    throw error;
  }
  throw new Error("expected a BackupError");
}

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), "fastnext-backup-"));
  archive = path.join(folder, "seeded.dump");
  source = await createTestDatabase();
  const owner = createPrismaClient({ connectionString: source.ownerUrl, max: 1 });
  try {
    await seedDemoData(owner, { SEED_ADMIN_PASSWORD: "admin-password-for-backups" });
  } finally {
    await owner.$disconnect();
  }
  await withClient(source.adminUrl, async (admin) => {
    for (const [id, name] of [
      [alice, "alice"],
      [bob, "bob"],
    ] as const) {
      await admin.query(
        "INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1, $2, $3, 'x', now())",
        [id, `${name}@example.com`, name],
      );
      for (const n of [1, 2])
        await admin.query(
          `WITH p AS (
             INSERT INTO projects (id, name, description, visibility, created_by_id, updated_at)
             VALUES (gen_random_uuid(), $2, 'restored with care', 'private', $1, now()) RETURNING id)
           INSERT INTO project_members (project_id, user_id, role) SELECT id, $1, 'owner' FROM p`,
          [id, `${name}'s project ${n}`],
        );
    }
  });
});

afterAll(async () => {
  await Promise.all([
    source.drop(),
    ...created.map((name) => dropDatabase(serverAdminUrl(), name)),
  ]);
  for (const name of roles) await withClient(serverAdminUrl(), (c) => c.query(`DROP ROLE ${name}`));
  rmSync(folder, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("round-trips every table's rows into a fresh database, through the commands", async () => {
    const env = { PATH: process.env.PATH, INIT_CWD: folder, DATABASE_URL: source.ownerUrl };
    // The owner alone cannot dump: FORCE ROW LEVEL SECURITY binds it.
    expect(await backupCli(["seeded.dump"], env)).toBe(1);
    expect(await backupCli(["seeded.dump"], { ...env, DATABASE_BACKUP_URL: source.adminUrl })).toBe(
      0,
    );
    expect(existsSync(archive)).toBe(true);

    const target = await freshDatabase();
    expect(await restoreCli(["seeded.dump"], { ...env, DATABASE_URL: target.ownerUrl })).toBe(0);
    const before = await tableDigests(source.adminUrl);
    expect(Object.keys(before)).toContain("pgboss.job");
    expect(before["public.projects"]?.rows).toBe(4);
    expect(before["public._prisma_migrations"]?.rows).toBe(expectedMigrations.length);
    expect(await tableDigests(target.adminUrl)).toEqual(before);
  });

  it("keeps owners, forced RLS and the app role's scope on the restored copy", async () => {
    const target = await freshDatabase();
    await restoreDatabase({
      databaseUrl: target.ownerUrl,
      file: archive,
      replace: false,
      ...search,
    });
    const ownership = async (url: string) =>
      withClient(url, async (c) => {
        const { rows } = await c.query<{ object: string; owner: string; forced: boolean | null }>(
          `SELECT format('%I.%I', n.nspname, c.relname) AS object, pg_get_userbyid(c.relowner) AS owner,
                  c.relforcerowsecurity AS forced
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname = 'public'
           UNION ALL
           SELECT p.oid::regprocedure::text, pg_get_userbyid(p.proowner), NULL
             FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'app'
           ORDER BY 1`,
        );
        return rows;
      });
    const restoredOwners = await ownership(target.adminUrl);
    expect(restoredOwners).toEqual(await ownership(source.adminUrl));
    expect(restoredOwners).toContainEqual({
      object: "app.admin_guard(uuid)",
      owner: "fastnext_system",
      forced: null,
    });

    await withClient(target.appUrl, async (app) => {
      const unscoped = await app.query("SELECT id FROM users");
      expect(unscoped.rows).toEqual([]);
      await app.query("BEGIN");
      await app.query("SELECT set_config('app.user_id', $1, true)", [alice]);
      const { rows } = await app.query<{ name: string }>("SELECT name FROM projects ORDER BY name");
      await app.query("ROLLBACK");
      expect(rows.map((r) => r.name)).toEqual(["alice's project 1", "alice's project 2"]);
    });
  });

  it("refuses a target that is not empty unless --replace is given, which replaces everything", async () => {
    const target = await freshDatabase();
    await restoreDatabase({
      databaseUrl: target.ownerUrl,
      file: archive,
      replace: false,
      ...search,
    });
    await withClient(target.ownerUrl, (c) => c.query("CREATE TABLE public.stray (x int)"));
    await withClient(target.adminUrl, (c) => c.query("UPDATE projects SET description = 'edited'"));
    const edited = async () =>
      withClient(target.adminUrl, async (c) => {
        const { rows } = await c.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM projects WHERE description = 'edited'",
        );
        return rows[0]?.n;
      });

    const refused = await failure(
      restoreDatabase({ databaseUrl: target.ownerUrl, file: archive, replace: false, ...search }),
    );
    expect(refused.code).toBe("target_not_empty");
    expect(refused.message).toMatch(/--replace/);
    expect(await edited()).toBe(4);

    await restoreDatabase({
      databaseUrl: target.ownerUrl,
      file: archive,
      replace: true,
      ...search,
    });
    // The stray table went with everything else: the copy is the archive's, exactly.
    expect(await tableDigests(target.adminUrl)).toEqual(await tableDigests(source.adminUrl));
  });

  it("a restore that fails half-way leaves the target empty", async () => {
    // The owner may not create schemas in a database the superuser owns.
    const target = await freshDatabase({ ownedBySuperuser: true });
    const error = await failure(
      restoreDatabase({ databaseUrl: target.ownerUrl, file: archive, replace: false, ...search }),
    );
    expect(error.code).toBe("restore_failed");
    expect(error.message).toMatch(/nothing was changed[\s\S]*permission denied/);
    expect(await relationCount(target.adminUrl)).toBe(0);
  });

  it("dumps as the documented backup role, and refuses roles that Row Level Security binds", async () => {
    const backupRole = await loginRole("BYPASSRLS IN ROLE pg_read_all_data", source.name);
    const file = path.join(folder, "backup-role.dump");
    await backupDatabase({ databaseUrl: backupRole, file, ...search });
    const target = await freshDatabase();
    await restoreDatabase({ databaseUrl: target.ownerUrl, file, replace: false, ...search });
    expect(await tableDigests(target.adminUrl)).toEqual(await tableDigests(source.adminUrl));

    for (const boundUrl of [source.ownerUrl, source.appUrl]) {
      const bound = await failure(
        backupDatabase({ databaseUrl: boundUrl, file: path.join(folder, "bound.dump"), ...search }),
      );
      expect(bound.code).toBe("bound_by_rls");
      expect(bound.message).toMatch(/BYPASSRLS/);
    }
    expect(existsSync(path.join(folder, "bound.dump"))).toBe(false);
  });

  it("a dump that fails leaves no archive", async () => {
    // Bypassing RLS is not enough: without read rights pg_dump stops at the first table.
    const noReads = await loginRole("BYPASSRLS", source.name);
    const file = path.join(folder, "no-reads.dump");
    const error = await failure(backupDatabase({ databaseUrl: noReads, file, ...search }));
    expect(error.code).toBe("dump_failed");
    expect(error.message).toMatch(/permission denied/);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  it("gives clear errors for bad arguments, an existing file, an unreachable server, a missing client", async () => {
    const env = { PATH: process.env.PATH, INIT_CWD: folder };
    expect(await backupCli([], { ...env, DATABASE_URL: source.ownerUrl })).toBe(1);
    expect(await backupCli(["x.dump"], env)).toBe(1);
    expect(await restoreCli(["x.dump", "--force"], { ...env, DATABASE_URL: source.ownerUrl })).toBe(
      1,
    );
    expect(await backupCli(["x.dump", "--database-url", "mysql://h/db"], env)).toBe(1);
    expect(existsSync(path.join(folder, "x.dump"))).toBe(false);

    const taken = path.join(folder, "taken.dump");
    writeFileSync(taken, "not a backup");
    const exists = await failure(
      backupDatabase({ databaseUrl: source.adminUrl, file: taken, ...search }),
    );
    expect(exists.code).toBe("bad_arguments");
    const notArchive = await failure(
      restoreDatabase({
        databaseUrl: (await freshDatabase()).ownerUrl,
        file: taken,
        replace: false,
        ...search,
      }),
    );
    expect(notArchive.code).toBe("bad_arguments");

    // An archive from a newer release: a migration this checkout does not know.
    const newer = path.join(folder, "newer.dump");
    await withClient(source.adminUrl, (c) =>
      c.query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ('future', 'f', '29991231000000_from_the_future', now(), now(), 1)`,
      ),
    );
    try {
      await backupDatabase({ databaseUrl: source.adminUrl, file: newer, ...search });
    } finally {
      await withClient(source.adminUrl, (c) =>
        c.query("DELETE FROM _prisma_migrations WHERE id = 'future'"),
      );
    }
    const emptyTarget = await freshDatabase();
    const fromTheFuture = await failure(
      restoreDatabase({
        databaseUrl: emptyTarget.ownerUrl,
        file: newer,
        replace: false,
        ...search,
      }),
    );
    expect(fromTheFuture.code).toBe("migrations_differ");
    expect(fromTheFuture.message).toContain("29991231000000_from_the_future");
    expect(await relationCount(emptyTarget.adminUrl)).toBe(0);

    const unreachable = await failure(
      backupDatabase({
        databaseUrl: "postgresql://fastnext_owner:pw@127.0.0.1:1/none",
        file: path.join(folder, "never.dump"),
        ...search,
      }),
    );
    expect(unreachable.code).toBe("unreachable");
    expect(unreachable.message).not.toContain(":pw@");

    const missing = await failure(findPgTool("pg_dump", { serverMajor: 99, searchPath: "" }));
    expect(missing.code).toBe("client_missing");
    expect(missing.message).toMatch(/PostgreSQL 99 or newer[\s\S]*PG_BIN_DIR/);
  });
});
