import { existsSync, renameSync, rmSync, statSync } from "node:fs";

import type pg from "pg";

import { redactedUrl, serverMajor, toolConnection, withConnection } from "./connection";
import { BackupError } from "./errors";
import { readMigrationRecords } from "./migration-state";
import { findPgTool, type PgToolBinary } from "./pg-tools";
import { runProgram } from "../run-program";

export interface PgToolSearch {
  /** PG_BIN_DIR: a folder searched before all others. */
  binDir?: string | undefined;
  /** PATH, searched last. */
  searchPath?: string | undefined;
}

/**
 * pg_dump reads with row_security off and stops at the first table a policy
 * would filter. Every table here FORCEs Row Level Security, which binds the
 * owner too, so the dump must run as a role that bypasses it: a superuser or
 * a read-only backup role (docs/operations/backups.md, "The backup role").
 */
async function assertBypassesRls(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string; bypasses: boolean }>(
    "SELECT rolname AS name, rolsuper OR rolbypassrls AS bypasses FROM pg_roles WHERE rolname = current_user",
  );
  const role = rows[0];
  if (role?.bypasses) return;
  throw new BackupError(
    "bound_by_rls",
    `${role?.name ?? "This role"} is bound by Row Level Security, so a dump as it would miss rows: ` +
      `back up as a role with BYPASSRLS and read rights on every table (DATABASE_BACKUP_URL or --database-url; ` +
      `see docs/operations/backups.md, "The backup role")`,
  );
}

export interface BackupOptions extends PgToolSearch {
  /** A connection that bypasses Row Level Security and may read every table. */
  databaseUrl: string;
  /** The archive to write; must not exist yet. */
  file: string;
}

export interface BackupResult {
  file: string;
  bytes: number;
  /** Migrations applied in the database dumped. */
  migrations: number;
  tool: PgToolBinary;
}

/**
 * A custom-format archive (`pg_dump -Fc`) of the whole database: schema,
 * data, grants, Row Level Security policies, the job queue. Roles are not in
 * it (they belong to the server, not the database); restore expects them.
 * Written to a `.partial` file renamed at the end, so a failed dump leaves no
 * file that looks like a backup.
 */
export async function backupDatabase(options: BackupOptions): Promise<BackupResult> {
  if (existsSync(options.file))
    throw new BackupError(
      "bad_arguments",
      `${options.file} exists: choose a new file name (backups are never overwritten)`,
    );
  const { major, migrations } = await withConnection(options.databaseUrl, async (client) => {
    await assertBypassesRls(client);
    const major = await serverMajor(client);
    try {
      return {
        major,
        migrations: (await readMigrationRecords(client)).filter((r) => r.applied).length,
      };
    } catch (error) {
      throw new BackupError(
        "dump_failed",
        `Cannot read the migration table: ${error instanceof Error ? error.message : String(error)}; ` +
          `the backup role must read every table`,
      );
    }
  });
  const tool = await findPgTool("pg_dump", { serverMajor: major, ...options });
  const connection = toolConnection(options.databaseUrl);
  const partial = `${options.file}.partial`;
  const result = await runProgram(
    tool.path,
    ["--format=custom", "--no-password", `--file=${partial}`, `--dbname=${connection.dbname}`],
    connection.env,
  );
  if (result.code !== 0) {
    rmSync(partial, { force: true });
    throw new BackupError(
      "dump_failed",
      `pg_dump of ${redactedUrl(options.databaseUrl)} failed:\n${result.stderr.trim()}`,
    );
  }
  renameSync(partial, options.file);
  return {
    file: options.file,
    bytes: statSync(options.file).size,
    migrations,
    tool,
  };
}
