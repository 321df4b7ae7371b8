import path from "node:path";
import { fileURLToPath } from "node:url";

import { type TestDatabase } from "@fastnext/db/testing";
import { spawnEntryPoint, waitForOutput, type ChildUnderTest } from "@fastnext/test-support";

/** apps/api, where the server's entry point runs from. */
export const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** What a production start needs besides the database (test values). */
const BASE_ENV = {
  NODE_ENV: "production",
  LOG_FORMAT: "json",
  AUTH_JWT_SECRET: "test-secret-that-is-long-enough-for-hs256-keys",
  AUTH_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

/**
 * The API server's real entry point on `port`, against `db`, with `env` on
 * top of a production configuration; resolves once it listens.
 */
export async function startApiServer(
  db: TestDatabase,
  port: number,
  env: Record<string, string> = {},
): Promise<ChildUnderTest> {
  const server = spawnEntryPoint("src/main.ts", {
    cwd: appDir,
    env: {
      PATH: process.env.PATH ?? "",
      ...BASE_ENV,
      DATABASE_URL: db.ownerUrl,
      DATABASE_APP_URL: db.appUrl,
      API_PORT: String(port),
      ...env,
    },
  });
  try {
    await waitForOutput(server, '"msg":"api server listening"', 30_000);
  } catch (error) {
    server.child.kill("SIGKILL");
    throw error;
  }
  return server;
}
