import path from "node:path";
import { parseArgs } from "node:util";

import { z } from "zod";

import { envFields, type EnvSource } from "@fastnext/config";

import { backupDatabase } from "./backup";
import { redactedUrl } from "./connection";
import { readBackupCliEnv } from "./env";
import { BackupError } from "./errors";
import { restoreDatabase } from "./restore";

const ZBackupArgsSchema = z.object({
  file: z.string().min(1, "name the archive file"),
  databaseUrl: envFields.postgresUrl(),
});

const ZRestoreArgsSchema = ZBackupArgsSchema.extend({ replace: z.boolean() });

const BACKUP_USAGE =
  "usage: pnpm db:backup <file> [--database-url <URL of a role bypassing RLS>]  (default DATABASE_BACKUP_URL, then DATABASE_URL)";
const RESTORE_USAGE =
  "usage: pnpm db:restore <file> [--database-url <owner connection URL>] [--replace]  (default DATABASE_URL)";

function parse(argv: readonly string[], usage: string, withReplace: boolean) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        "database-url": { type: "string" },
        ...(withReplace ? { replace: { type: "boolean" as const } } : {}),
      },
    });
  } catch (error) {
    throw new BackupError(
      "bad_arguments",
      `${error instanceof Error ? error.message : String(error)}\n${usage}`,
    );
  }
}

function validated<T>(schema: z.ZodType<T>, input: unknown, usage: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? "");
    const name = field === "databaseUrl" ? "--database-url" : field;
    return `${name}: ${issue.code === "invalid_type" ? "is required" : issue.message}`;
  });
  throw new BackupError("bad_arguments", `${lines.join("\n")}\n${usage}`);
}

function argsFor(argv: readonly string[], source: EnvSource, usage: string, withReplace: boolean) {
  const forBackup = !withReplace;
  const env = readBackupCliEnv(source);
  const { values, positionals } = parse(argv, usage, withReplace);
  if (positionals.length > 1)
    throw new BackupError(
      "bad_arguments",
      `one file at a time, got ${positionals.length}\n${usage}`,
    );
  const file = positionals[0];
  return {
    env,
    input: {
      file: file === undefined ? undefined : path.resolve(env.cwd, file),
      databaseUrl: values["database-url"] ?? (forBackup ? env.backupUrl : env.databaseUrl),
      replace: "replace" in values && values.replace === true,
    },
  };
}

/** Runs a command, printing a BackupError's message and answering exit code 1. */
async function exitCodeOf(work: () => Promise<void>): Promise<number> {
  try {
    await work();
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    return 1;
  }
}

export function backupCli(argv: readonly string[], source: EnvSource): Promise<number> {
  return exitCodeOf(async () => {
    const { env, input } = argsFor(argv, source, BACKUP_USAGE, false);
    const args = validated(ZBackupArgsSchema, input, BACKUP_USAGE);
    const result = await backupDatabase({
      ...args,
      binDir: env.binDir,
      searchPath: env.searchPath,
    });
    console.log(
      `Backed up ${redactedUrl(args.databaseUrl)} to ${result.file} ` +
        `(${result.bytes} bytes, ${result.migrations} migrations applied; ${result.tool.path}, PostgreSQL ${result.tool.major}).`,
    );
  });
}

export function restoreCli(argv: readonly string[], source: EnvSource): Promise<number> {
  return exitCodeOf(async () => {
    const { env, input } = argsFor(argv, source, RESTORE_USAGE, true);
    const args = validated(ZRestoreArgsSchema, input, RESTORE_USAGE);
    const result = await restoreDatabase({
      ...args,
      binDir: env.binDir,
      searchPath: env.searchPath,
    });
    console.log(
      `Restored ${args.file} into ${result.database} (${result.migrations} migrations applied; ` +
        `${result.tool.path}, PostgreSQL ${result.tool.major}).`,
    );
    if (result.comparison.pending.length > 0)
      console.log(
        `This checkout has ${result.comparison.pending.length} migration(s) the backup predates ` +
          `(${result.comparison.pending.join(", ")}): run pnpm db:migrate before starting the app.`,
      );
    else console.log("Its migrations match this checkout's.");
  });
}
