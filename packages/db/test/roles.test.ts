import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../src/testing";

let db: TestDatabase;
let app: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  app = new pg.Client({ connectionString: db.appUrl });
  await app.connect();
});

afterAll(async () => {
  await app.end();
  await db.drop();
});

async function sqlError(sql: string): Promise<string> {
  try {
    await app.query(sql);
  } catch (error) {
    return (error as Error).message;
  }
  return "no error";
}

describe("the application role", () => {
  it("is neither superuser nor BYPASSRLS, and owns nothing", async () => {
    const { rows } = await app.query<{
      rolsuper: boolean;
      rolbypassrls: boolean;
      rolcreaterole: boolean;
      owned: number;
    }>(
      `SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows).toEqual([
      { rolsuper: false, rolbypassrls: false, rolcreaterole: false, owned: 0 },
    ]);
  });

  it("cannot become the owner", async () => {
    expect(await sqlError("SET ROLE fastnext_owner")).toMatch(/permission denied/);
  });

  it("cannot create tables or schemas", async () => {
    expect(await sqlError("CREATE TABLE intruder (id int)")).toMatch(/permission denied/);
    expect(await sqlError("CREATE SCHEMA intruder")).toMatch(/permission denied/);
  });

  it("cannot change table definitions or grant itself rights", async () => {
    expect(await sqlError("ALTER TABLE users ADD COLUMN x int")).toMatch(/must be owner/);
    expect(await sqlError("DROP TABLE users")).toMatch(/must be owner/);
  });

  it("reads the applied migrations for the readiness check", async () => {
    const { rows } = await app.query("SELECT migration_name FROM _prisma_migrations");
    expect(rows.length).toBeGreaterThan(0);
  });

  it("has a bounded idle-in-transaction time", async () => {
    const { rows } = await app.query<{ setting: string }>(
      "SELECT setting FROM pg_settings WHERE name = 'idle_in_transaction_session_timeout'",
    );
    expect(Number(rows[0]?.setting)).toBeGreaterThan(0);
  });
});
