import { z } from "zod";

import { envFields, parseEnv, type EnvSource } from "@fastnext/config";

import { APP_ROLE, SYSTEM_ROLE } from "./roles";

/** The variables readDbEnv reads, inspectable without reading them. */
export const dbEnvShape = {
  /** Connection of the role that owns the schema; migrations run as it. */
  DATABASE_URL: envFields.postgresUrl(),
  /**
   * Connection of the application role (no owner, superuser or BYPASSRLS
   * rights). Defaults to DATABASE_URL's server and database, logged in as
   * `fastnext_app` with APP_DB_PASSWORD.
   */
  DATABASE_APP_URL: envFields.postgresUrl().optional(),
  APP_DB_PASSWORD: z.string().min(8).default("fastnext_app_dev_password"),
  /**
   * Connection of the system role (BYPASSRLS, never superuser), used only by
   * system jobs through `@fastnext/db/system`. Defaults like DATABASE_APP_URL,
   * with user `fastnext_system` and SYSTEM_DB_PASSWORD.
   */
  DATABASE_SYSTEM_URL: envFields.postgresUrl().optional(),
  SYSTEM_DB_PASSWORD: z.string().min(8).default("fastnext_system_dev_password"),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Statements slower than this many milliseconds are logged at warn, with
   * their text (literals and parameter values left out); unset, none are.
   */
  DB_SLOW_QUERY_MS: z.coerce.number().int().min(1).max(3_600_000).optional(),
};

export interface DbEnv {
  ownerUrl: string;
  appUrl: string;
  systemUrl: string;
  poolMax: number;
  /** null: slow statements are not logged. */
  slowQueryMs: number | null;
}

export function readDbEnv(source: EnvSource): DbEnv {
  const env = parseEnv("database", dbEnvShape, source);
  return {
    ownerUrl: env.DATABASE_URL,
    appUrl:
      env.DATABASE_APP_URL ?? withCredentials(env.DATABASE_URL, APP_ROLE, env.APP_DB_PASSWORD),
    systemUrl:
      env.DATABASE_SYSTEM_URL ??
      withCredentials(env.DATABASE_URL, SYSTEM_ROLE, env.SYSTEM_DB_PASSWORD),
    poolMax: env.DATABASE_POOL_MAX,
    slowQueryMs: env.DB_SLOW_QUERY_MS ?? null,
  };
}

let cached: DbEnv | undefined;

/** Read lazily: the dev launcher sets DATABASE_URL before anything connects. */
export function dbEnv(): DbEnv {
  cached ??= readDbEnv(process.env);
  return cached;
}

export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
