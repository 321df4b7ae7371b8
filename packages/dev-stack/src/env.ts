import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { z } from "zod";

import { parseEnv, type EnvSource, type EnvDocs } from "@fastnext/config";

/** The repository's root: `turbo dev` runs each task in its package's folder. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export const devStackEnvShape = {
  /**
   * Where the development database task publishes its connection for the
   * apps (git-ignored). Its own file per checkout or test run, so stacks
   * started side by side do not read each other's.
   */
  DEV_DATABASE_FILE: z.string().min(1).default(path.join(repoRoot, ".data/dev-database.json")),
};

/** The README's configuration table (`pnpm docs:env`). */
export const devStackEnvDocs: EnvDocs<typeof devStackEnvShape> = {
  DEV_DATABASE_FILE: {
    description: "where `turbo dev`'s database task publishes its connection to the apps",
    default: "`.data/dev-database.json`",
  },
};

/**
 * The development stack's own settings. A relative path is taken from the
 * repository's root, as it was when one launcher ran from there.
 */
export function readDevStackEnv(source: EnvSource) {
  const env = parseEnv("dev stack", devStackEnvShape, source);
  return { DEV_DATABASE_FILE: path.resolve(repoRoot, env.DEV_DATABASE_FILE) };
}

/**
 * The root `.env`, loaded into this process's environment (variables already
 * set win). Every task of `turbo dev` loads it itself: Turborepo passes on
 * only the variables turbo.json names, and reads no `.env` file.
 */
export function loadRootEnvFile(): void {
  const file = path.join(repoRoot, ".env");
  if (existsSync(file)) process.loadEnvFile(file);
}

/** This process's environment, as the stack's processes read and pass it on. */
export function processEnv(): EnvSource {
  return process.env;
}

/**
 * The environment for the local database: EMBEDDED_PG_DATA_DIR, when
 * relative, taken from the repository's root like DEV_DATABASE_FILE.
 */
export function localServerSource(source: EnvSource): EnvSource {
  const dataDir = source.EMBEDDED_PG_DATA_DIR;
  return dataDir ? { ...source, EMBEDDED_PG_DATA_DIR: path.resolve(repoRoot, dataDir) } : source;
}
