export {
  ADMIN_ROLE_KEY,
  ADMINISTRATOR_WRITE_PERMISSIONS,
  createAdministrator,
  grantAdministrator,
  type NewAdministrator,
} from "./administrator";
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
export {
  parseReencryptArgs,
  REENCRYPT_USAGE,
  runReencryptCommand,
  type CommandOutput,
  type ReencryptArgs,
} from "./reencrypt-command";
export {
  reencryptSecrets,
  SEALED_COLUMNS,
  type BackupCodesUnderOlderKey,
  type ReencryptionFailure,
  type ReencryptionOptions,
  type ReencryptionReport,
  type SealedColumn,
} from "./reencrypt-secrets";
export { backupEnvDocs, backupEnvShape } from "./backup/env";
export { readSeedEnv, seedDemoData, seedEnvDocs, seedEnvShape, type SeedResult } from "./seed";
