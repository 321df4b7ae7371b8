import { randomBytes } from "node:crypto";

import { createDatabase, dropDatabase } from "@fastnext/db/admin";
import { runDatabaseName, testRoleUrls } from "@fastnext/db/testing";
import { startTestServer } from "@fastnext/dev-database";

import { benchEnv } from "./env";

/**
 * A dedicated, freshly migrated database for one benchmark run, on
 * BENCH_DATABASE_ADMIN_URL / TEST_DATABASE_ADMIN_URL (a superuser), or on
 * the embedded server when neither is set.
 */
export async function openBenchDatabase() {
  const server = await startTestServer({
    TEST_DATABASE_ADMIN_URL: benchEnv.BENCH_DATABASE_ADMIN_URL ?? benchEnv.TEST_DATABASE_ADMIN_URL,
  });
  const name = runDatabaseName("fastnext_bench_", randomBytes(4).toString("hex"));
  await createDatabase(server.adminUrl, name, { template: server.template });
  return {
    ...testRoleUrls(server.adminUrl, name),
    close: async () => {
      await dropDatabase(server.adminUrl, name);
      await server.stop();
    },
  };
}
