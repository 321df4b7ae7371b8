import { migrateDeploy } from "../admin/migrate";
import { createDatabase, dropDatabase, ensureRoles, listDatabases } from "../admin/provision";
import { withCredentials, withDatabase } from "../env";
import { APP_ROLE, OWNER_ROLE, SYSTEM_ROLE } from "../roles";

export const TEST_DB_PREFIX = "fastnext_test_";
export const TEST_OWNER_PASSWORD = "fastnext_owner_test_password";
export const TEST_APP_PASSWORD = "fastnext_app_test_password";
export const TEST_SYSTEM_PASSWORD = "fastnext_system_test_password";

export interface TestServer {
  adminUrl: string;
  template: string;
  stop: () => Promise<void>;
}

/**
 * Readies a PostgreSQL server (a superuser connection) for one test run: the
 * roles, and a template database built from the migrations that each test
 * file's database is cloned from. Which server it is, the one named by
 * TEST_DATABASE_ADMIN_URL or the embedded one, is for the caller to decide
 * (`startTestServer` in @fastnext/dev-database).
 */
export async function prepareTestServer(adminUrl: string): Promise<TestServer> {
  await ensureRoles(adminUrl, TEST_OWNER_PASSWORD, TEST_APP_PASSWORD, TEST_SYSTEM_PASSWORD);
  // Databases left by interrupted runs. Names carry the runner's pid, so
  // the databases of runs still going (in another terminal) are left alone.
  for (const stale of await listDatabases(adminUrl, TEST_DB_PREFIX)) {
    const pid = Number(/^fastnext_(?:test|bench)_(\d+)_/.exec(stale)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) continue;
    await dropDatabase(adminUrl, stale);
  }

  const template = `${TEST_DB_PREFIX}${process.pid}_template`;
  await createDatabase(adminUrl, template);
  await migrateDeploy(
    withCredentials(withDatabase(adminUrl, template), OWNER_ROLE, TEST_OWNER_PASSWORD),
  );
  return {
    adminUrl,
    template,
    stop: () => dropDatabase(adminUrl, template),
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Name for a database of this run: the prefix, the runner's pid, a random part. */
export function runDatabaseName(prefix: string, suffix: string): string {
  return `${prefix}${process.env.FASTNEXT_TEST_RUNNER_PID ?? process.pid}_${suffix}`;
}

export function testRoleUrls(adminUrl: string, database: string) {
  const url = withDatabase(adminUrl, database);
  return {
    adminUrl: url,
    ownerUrl: withCredentials(url, OWNER_ROLE, TEST_OWNER_PASSWORD),
    appUrl: withCredentials(url, APP_ROLE, TEST_APP_PASSWORD),
    systemUrl: withCredentials(url, SYSTEM_ROLE, TEST_SYSTEM_PASSWORD),
  };
}
