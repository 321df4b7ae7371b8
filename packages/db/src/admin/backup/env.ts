import path from "node:path";

import { z } from "zod";

import { envFields, parseEnv, type EnvSource, type EnvDocs } from "@fastnext/config";

/** What db:backup and db:restore read besides their arguments. */
export const backupEnvShape = {
  /** The owner connection: what db:restore restores into, unless --database-url is given. */
  DATABASE_URL: envFields.postgresUrl().optional(),
  /**
   * What db:backup dumps, unless --database-url is given: a role that
   * bypasses Row Level Security and reads every table. Defaults to DATABASE_URL.
   */
  DATABASE_BACKUP_URL: envFields.postgresUrl().optional(),
  /** A folder holding pg_dump and pg_restore, searched before all others. */
  PG_BIN_DIR: z.string().min(1).optional(),
};

/** The README's configuration table (`pnpm docs:env`). */
export const backupEnvDocs: EnvDocs<typeof backupEnvShape> = {
  DATABASE_URL: "the owner connection `pnpm db:restore` restores into",
  DATABASE_BACKUP_URL: {
    description:
      "what `pnpm db:backup` dumps: a role bypassing RLS that reads every table (`docs/operations/backups.md`)",
    default: "`DATABASE_URL`",
  },
  PG_BIN_DIR: {
    description: "folder of `pg_dump`, `pg_restore` and `psql`, searched first",
    default: "unset: Debian's folders, then `PATH`",
  },
};

export interface BackupCliEnv {
  /** Restores go here. */
  databaseUrl: string | undefined;
  /** Backups are read from here. */
  backupUrl: string | undefined;
  binDir: string | undefined;
  searchPath: string | undefined;
  /** Where relative file names are taken from: the folder the command was typed in. */
  cwd: string;
}

export function readBackupCliEnv(source: EnvSource): BackupCliEnv {
  const env = parseEnv("backup", backupEnvShape, source);
  return {
    databaseUrl: env.DATABASE_URL,
    backupUrl: env.DATABASE_BACKUP_URL ?? env.DATABASE_URL,
    binDir: env.PG_BIN_DIR,
    searchPath: source.PATH,
    // pnpm runs root scripts from the root and says where it was called from in INIT_CWD.
    cwd: path.resolve(source.INIT_CWD ?? process.cwd()),
  };
}
