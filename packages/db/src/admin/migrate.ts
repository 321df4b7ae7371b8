import { spawn } from "node:child_process";
import { createRequire } from "node:module";

import { paths } from "./paths";
import { installQueueSchema } from "./queue-schema";

const require = createRequire(import.meta.url);

export interface PrismaCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the Prisma CLI of this package with the given owner connection. */
export function runPrismaCli(args: string[], databaseUrl: string): Promise<PrismaCliResult> {
  const cli = require.resolve("prisma/build/index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: paths.packageRoot,
      // eslint-disable-next-line no-restricted-properties -- the CLI inherits our environment
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
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
