import { z } from "zod";

import { envFields, parseEnv, type EnvSource, type EnvDocs } from "@fastnext/config";

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
  /**
   * A streaming replica of DATABASE_URL's database, logged in as the
   * application role (it exists there through replication). Set, signed-in
   * read-only procedures run on it (docs/operations/read-replicas.md);
   * unset, everything runs on the primary.
   */
  DATABASE_REPLICA_URL: envFields.postgresUrl().optional(),
  /** Replay lag, in seconds, beyond which reads leave the replica for the primary. */
  DATABASE_REPLICA_MAX_LAG_SECONDS: z.coerce.number().positive().max(3600).default(5),
};

/** The README's configuration table (`pnpm docs:env`). */
export const dbEnvDocs: EnvDocs<typeof dbEnvShape> = {
  DATABASE_URL: {
    description: "connection of the role that owns the schema: migrations, seed, restores",
    default: "embedded server in development",
  },
  DATABASE_APP_URL: {
    description: "the application role's connection (never owner, superuser or BYPASSRLS)",
    default: "`DATABASE_URL` as `fastnext_app`",
  },
  APP_DB_PASSWORD: {
    description: "password of `fastnext_app` when its URL is derived",
    default: "development value",
  },
  DATABASE_SYSTEM_URL: {
    description: "the worker's system login (BYPASSRLS, never superuser)",
    default: "`DATABASE_URL` as `fastnext_system`",
  },
  SYSTEM_DB_PASSWORD: {
    description: "password of `fastnext_system` when its URL is derived",
    default: "development value",
  },
  DATABASE_POOL_MAX: "connections per process",
  DATABASE_REPLICA_URL: {
    description:
      "a streaming replica, logged in as the application role: signed-in read-only calls run there (`docs/operations/read-replicas.md`)",
    default: "unset: every call on the primary",
  },
  DATABASE_REPLICA_MAX_LAG_SECONDS: "replay lag beyond which read-only calls go to the primary",
  DB_SLOW_QUERY_MS: {
    description:
      "statements slower than this are logged at warn with the procedure or job and the request id, never values (`docs/observability.md`)",
    default: "unset: off",
  },
};

export interface DbEnv {
  ownerUrl: string;
  appUrl: string;
  systemUrl: string;
  poolMax: number;
  /** null: slow statements are not logged. */
  slowQueryMs: number | null;
  /** null: no replica; every transaction runs on the primary. */
  replicaUrl: string | null;
  replicaMaxLagSeconds: number;
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
    replicaUrl: env.DATABASE_REPLICA_URL ?? null,
    replicaMaxLagSeconds: env.DATABASE_REPLICA_MAX_LAG_SECONDS,
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
