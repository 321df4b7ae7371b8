export { backupDatabase, type BackupOptions, type BackupResult, type PgToolSearch } from "./backup";
export { BackupError, type BackupErrorCode } from "./errors";
export { type MigrationComparison } from "./migration-state";
export { findPgTool, type PgTool, type PgToolBinary } from "./pg-tools";
export { restoreDatabase, type RestoreOptions, type RestoreResult } from "./restore";
