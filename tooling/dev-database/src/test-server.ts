import path from "node:path";

import { paths } from "@fastnext/db/admin";
import { prepareTestServer, type TestServer } from "@fastnext/db/testing";

import { startEmbeddedPostgres } from "./embedded";

/**
 * The PostgreSQL server of a test run, readied with the roles and the
 * migrated template. TEST_DATABASE_ADMIN_URL names a server (superuser);
 * without it the embedded server runs from .data/test-postgres, and
 * stopping stops it too.
 */
export async function startTestServer(
  source: Readonly<Record<string, string | undefined>>,
): Promise<TestServer> {
  const given = source.TEST_DATABASE_ADMIN_URL;
  if (given) return prepareTestServer(given);
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(paths.dataRoot, "test-postgres"),
    port: Number(source.TEST_EMBEDDED_PG_PORT ?? 54330),
    password: "fastnext_test_superuser",
  });
  try {
    const server = await prepareTestServer(embedded.adminUrl);
    return {
      ...server,
      stop: async () => {
        await server.stop();
        await embedded.stop();
      },
    };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}
