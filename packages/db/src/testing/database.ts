import { randomBytes } from "node:crypto";

import { createDatabase, dropDatabase } from "../admin/provision";
import { runDatabaseName, TEST_DB_PREFIX, testRoleUrls } from "./server";

export interface TestDatabase {
  name: string;
  /** Superuser connection: for inspecting, never for code under test. */
  adminUrl: string;
  /** Owner role: what migrations and seeds use. */
  ownerUrl: string;
  /** Application role: what the product connects as. */
  appUrl: string;
  /** System role (BYPASSRLS): system jobs. */
  systemUrl: string;
  drop: () => Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run tests through vitest with the shared global setup`);
  return value;
}

/** A fresh database cloned from the migrated template, for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverAdminUrl = required("FASTNEXT_TEST_ADMIN_URL");
  const template = required("FASTNEXT_TEST_TEMPLATE");
  const name = runDatabaseName(TEST_DB_PREFIX, randomBytes(6).toString("hex"));
  await createDatabase(serverAdminUrl, name, { template });
  return {
    name,
    ...testRoleUrls(serverAdminUrl, name),
    drop: () => dropDatabase(serverAdminUrl, name),
  };
}
