export { migrateDeploy, runPrismaCli } from "./migrate";
export { paths } from "./paths";
export { installQueueSchema, QUEUE_SCHEMA_VERSION } from "./queue-schema";
export {
  createDatabase,
  databaseExists,
  dropDatabase,
  ensureRoles,
  listDatabases,
  provisionDatabase,
  type ProvisionedDatabase,
  type ProvisionOptions,
} from "./provision";
export { readSeedEnv, seedDemoData, seedEnvShape, type SeedResult } from "./seed";
