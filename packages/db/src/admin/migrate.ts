import { createRequire } from "node:module";

import { paths } from "./paths";
import { installQueueSchema } from "./queue-schema";
import { runProgram, type ProgramResult } from "./run-program";

const require = createRequire(import.meta.url);

/** Runs the Prisma CLI of this package with the given owner connection. */
export function runPrismaCli(args: string[], databaseUrl: string): Promise<ProgramResult> {
  const cli = require.resolve("prisma/build/index.js");
  return runProgram(
    process.execPath,
    [cli, ...args],
    { DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    { cwd: paths.packageRoot },
  );
}

/**
 * `prisma migrate deploy` as the owner role: applies pending migrations.
 * The job queue's own schema (pg-boss) is installed or upgraded first: the
 * migrations create queues in it and grant access to it.
 */
export async function migrateDeploy(ownerUrl: string): Promise<void> {
  await installQueueSchema(ownerUrl);
  const result = await runPrismaCli(["migrate", "deploy"], ownerUrl);
  if (result.code !== 0) {
    throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  }
}
