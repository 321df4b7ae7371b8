import { existsSync } from "node:fs";

import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { type PgToolSearch } from "./backup";
import { redactedUrl, serverMajor, toolConnection, withConnection } from "./connection";
import { BackupError } from "./errors";
import {
  compareWithCheckout,
  migrationFingerprint,
  parseMigrationCopy,
  readMigrationRecords,
  type MigrationComparison,
} from "./migration-state";
import { companionPsql, findPgTool, type PgToolBinary } from "./pg-tools";
import { EMPTY_DATABASE_SQL, ownershipGrantStream } from "./restore-script";
import { runPipeline, runProgram } from "../run-program";

export interface RestoreOptions extends PgToolSearch {
  /** The owner connection of the database to restore into (it must exist). */
  databaseUrl: string;
  /** A custom-format archive written by backupDatabase (or pg_dump -Fc). */
  file: string;
  /**
   * Restore into a database that already holds objects: everything in it
   * (every schema, with its tables and data) is dropped first, in the same
   * transaction as the restore.
   */
  replace: boolean;
}

export interface RestoreResult {
  database: string;
  /** Migrations applied in the restored database. */
  migrations: number;
  /** Against this checkout: what `pnpm db:migrate` would still apply. */
  comparison: MigrationComparison;
  tool: PgToolBinary;
}

/** Relations in the database's own schemas: any means it is not empty. */
const USER_RELATIONS_SQL = `
  SELECT count(*)::int AS n
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
     AND n.nspname !~ '^pg_(toast|temp)'`;

async function archiveMigrations(tool: PgToolBinary, file: string) {
  const result = await runProgram(
    tool.path,
    ["--data-only", "--table=_prisma_migrations", "--file=-", file],
    {},
  );
  if (result.code !== 0)
    throw new BackupError(
      "bad_arguments",
      `${file} is not a readable custom-format archive:\n${result.stderr.trim()}`,
    );
  return parseMigrationCopy(result.stdout);
}

/**
 * Restores an archive into an existing database, as its owner, in one
 * transaction (psql `--single-transaction`, ON_ERROR_STOP): a failure leaves the
 * target as it was. Owners are restored as dumped, not replaced by the
 * restoring role: the SECURITY DEFINER sign-in helpers must stay owned by
 * the system role, and tables by the owner (which FORCE ROW LEVEL SECURITY
 * binds). So the roles must exist on the target server, and the restoring
 * role must be allowed to hand objects to them (the owner role is a member
 * of the system role). Then the restored migration table is checked against
 * the archive's and this checkout's migrations.
 */
export async function restoreDatabase(options: RestoreOptions): Promise<RestoreResult> {
  if (!existsSync(options.file))
    throw new BackupError("bad_arguments", `${options.file} does not exist`);
  const { major, role } = await withConnection(options.databaseUrl, async (client) => {
    const { rows: roles } = await client.query<{ rolname: string }>(
      "SELECT rolname FROM pg_roles WHERE rolname = ANY($1)",
      [[APP_ROLE, SYSTEM_ROLE]],
    );
    const missing = [APP_ROLE, SYSTEM_ROLE].filter((r) => !roles.some((row) => row.rolname === r));
    if (missing.length > 0)
      throw new BackupError(
        "roles_missing",
        `The target server lacks the role(s) ${missing.join(", ")} that the archive grants to: ` +
          `create them first (see docs/operations/backups.md, "Roles")`,
      );
    const { rows } = await client.query<{ n: number }>(USER_RELATIONS_SQL);
    if (!options.replace && (rows[0]?.n ?? 0) > 0)
      throw new BackupError(
        "target_not_empty",
        `${redactedUrl(options.databaseUrl)} is not empty (${rows[0]?.n} tables, views or sequences): ` +
          `restore into a new database, or pass --replace to drop everything it holds first`,
      );
    const { rows: me } = await client.query<{ role: string }>("SELECT current_user AS role");
    return { major: await serverMajor(client), role: me[0]?.role ?? "" };
  });
  const tool = await findPgTool("pg_restore", { serverMajor: major, ...options });
  const psql = await companionPsql(tool, { serverMajor: major, ...options });
  const expected = await archiveMigrations(tool, options.file);
  const before = compareWithCheckout(expected);
  if (before.unknown.length > 0)
    throw new BackupError(
      "migrations_differ",
      `The archive holds migrations this checkout does not know (${before.unknown.join(", ")}): ` +
        `restore it with the release that wrote it`,
    );

  // pg_restore writes the archive as a script and psql runs it in one
  // transaction, so that ownership changes can be given the schema grant
  // they need (restore-script.ts) and a failure rolls everything back.
  const connection = toolConnection(options.databaseUrl);
  const result = await runPipeline(
    {
      binary: tool.path,
      args: ["--file=-", options.file],
    },
    ownershipGrantStream(role, options.replace ? EMPTY_DATABASE_SQL : ""),
    {
      binary: psql.path,
      args: [
        "--no-psqlrc",
        "--quiet",
        "--single-transaction",
        "--set=ON_ERROR_STOP=1",
        "--no-password",
        `--dbname=${connection.dbname}`,
      ],
    },
    connection.env,
  );
  if (result.code !== 0)
    throw new BackupError(
      "restore_failed",
      `pg_restore into ${redactedUrl(options.databaseUrl)} failed; nothing was changed:\n${result.stderr.trim()}`,
    );

  const restored = await withConnection(options.databaseUrl, readMigrationRecords);
  if (migrationFingerprint(restored) !== migrationFingerprint(expected))
    throw new BackupError(
      "migrations_differ",
      `The restored migration table differs from the archive's (${restored.length} rows, ` +
        `the archive has ${expected.length}): the target held migrations of its own; restore into an empty database`,
    );
  return {
    database: connection.database,
    migrations: restored.filter((r) => r.applied).length,
    comparison: compareWithCheckout(restored),
    tool,
  };
}
