/**
 * `@fastnext/dev-stack#dev:ready`: the readiness probe the apps' `dev`
 * tasks depend on. Exits 0 once the development database task has
 * published a migrated, seeded database; 1 if none is by the deadline.
 */
import { createLogger } from "@fastnext/logger";

import { waitForDevDatabase } from "./connection";
import { loadRootEnvFile, processEnv, readDevStackEnv } from "./env";

/** A first start initialises the data folder and runs every migration. */
const READY_TIMEOUT_MS = 180_000;

loadRootEnvFile();
const file = readDevStackEnv(processEnv()).DEV_DATABASE_FILE;
const database = await waitForDevDatabase(file, READY_TIMEOUT_MS);
if (!database) {
  createLogger("dev-database").fatal(
    { file, timeoutSeconds: READY_TIMEOUT_MS / 1000 },
    "the development database did not become ready",
  );
  process.exit(1);
}
