import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../src/testing";

// `db:wait`, the init container of every Kubernetes Deployment: it must hold
// a new release's process back while a migration is missing, and let it go
// once the migration is recorded.

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const tsx = path.join(packageDir, "node_modules/.bin/tsx");

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

describe("db:wait", () => {
  it("waits while a migration is pending and exits 0 once it is applied", async () => {
    // The newest migration, as if the migration Job were still applying it.
    await admin.query(
      "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)",
    );
    const child = spawn(tsx, ["scripts/wait-for-migrations.ts"], {
      cwd: packageDir,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: db.ownerUrl,
        DATABASE_APP_URL: db.appUrl,
        LOG_FORMAT: "json",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines: { msg?: string; reason?: string }[] = [];
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => {
        exitCode = code;
        resolve(code);
      }),
    );
    const waiting = new Promise<void>((resolve) => {
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        for (const line of chunk.split("\n").filter(Boolean)) {
          lines.push(JSON.parse(line) as { msg?: string; reason?: string });
          if (lines.at(-1)?.msg === "waiting for migrations") resolve();
        }
      });
    });
    try {
      await Promise.race([waiting, exited]);
      expect(exitCode).toBeUndefined();
      expect(lines.at(-1)).toMatchObject({
        msg: "waiting for migrations",
        reason: "migrations_pending",
      });

      await admin.query("UPDATE _prisma_migrations SET rolled_back_at = NULL");
      expect(await exited).toBe(0);
      expect(lines.at(-1)).toMatchObject({ msg: "schema is current" });
    } finally {
      child.kill();
    }
  });
});
