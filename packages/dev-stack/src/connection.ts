import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { z } from "zod";

import { isRunning } from "@fastnext/supervisor";

/**
 * What the development database task publishes once the database is
 * migrated and seeded: the connections the apps use (as the variables the
 * apps read) and the process that serves them.
 */
const ZDevDatabaseSchema = z.object({
  pid: z.number().int().positive(),
  env: z.object({
    DATABASE_URL: z.string().min(1),
    DATABASE_APP_URL: z.string().min(1).optional(),
    DATABASE_SYSTEM_URL: z.string().min(1).optional(),
  }),
});

export type DevDatabase = z.infer<typeof ZDevDatabaseSchema>;

/** Written whole or not at all (rename), readable only by its owner: it holds passwords. */
export function publishDevDatabase(file: string, database: DevDatabase): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(database), { mode: 0o600 });
  renameSync(partial, file);
}

export function withdrawDevDatabase(file: string): void {
  rmSync(file, { force: true });
}

/**
 * The published database, or null when none is published or its publisher
 * is gone (a file left behind by a task that was killed).
 */
export function readDevDatabase(file: string): DevDatabase | null {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
  const parsed = ZDevDatabaseSchema.safeParse(content);
  if (!parsed.success || !isRunning(parsed.data.pid)) return null;
  return parsed.data;
}

/** Waits until a database is published; null when none is by the deadline. */
export async function waitForDevDatabase(
  file: string,
  timeoutMs: number,
): Promise<DevDatabase | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const database = readDevDatabase(file);
    if (database || Date.now() >= deadline) return database;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
