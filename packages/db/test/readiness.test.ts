import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPrismaClient } from "../src/client";
import { checkReadiness } from "../src/readiness";
import { createTestDatabase, type TestDatabase } from "../src/testing";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe("checkReadiness", () => {
  it("is ready when every shipped migration is applied", async () => {
    const client = createPrismaClient({ connectionString: db.appUrl, max: 1 });
    await expect(checkReadiness(client)).resolves.toMatchObject({ ready: true });
    await client.$disconnect();
  });

  it("reports pending migrations when one is missing", async () => {
    const admin = new pg.Client({ connectionString: db.adminUrl });
    await admin.connect();
    await admin.query(
      "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)",
    );
    const client = createPrismaClient({ connectionString: db.appUrl, max: 1 });
    const result = await checkReadiness(client);
    expect(result).toMatchObject({ ready: false, reason: "migrations_pending" });
    await admin.query("UPDATE _prisma_migrations SET rolled_back_at = NULL");
    await admin.end();
    await client.$disconnect();
  });

  it("reports an unreachable database", async () => {
    const client = createPrismaClient({
      connectionString: "postgresql://nobody:x@127.0.0.1:1/none",
      max: 1,
    });
    await expect(checkReadiness(client)).resolves.toMatchObject({
      ready: false,
      reason: "database_unreachable",
    });
    await client.$disconnect();
  });
});
