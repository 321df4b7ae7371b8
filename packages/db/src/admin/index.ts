export { startEmbeddedPostgres, type EmbeddedServer, type EmbeddedServerOptions } from "./embedded";
export { migrateDeploy, runPrismaCli } from "./migrate";
export { paths } from "./paths";
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
export { readSeedEnv, seedDemoData, type SeedResult } from "./seed";
export { openLocalServer, readLocalServerEnv, type LocalServer } from "./local-server";
