#!/usr/bin/env tsx
/**
 * `dev-app`: how each app's `dev` script runs under `turbo dev`.
 *
 *   dev-app <name> [--watch <dir>]... -- <command>
 *
 * Runs <command> in the app's folder, in a process group of its own, with
 * the connection the development database task published, under the
 * supervisor: a crash is restarted after 1 s, 2 s, 4 s … 30 s; more than 5
 * crashes within 60 s and it exits 1, which makes Turborepo stop the whole
 * stack. A change under a --watch folder restarts it. SIGINT or SIGTERM
 * stops it, then this process exits.
 */
import path from "node:path";
import { parseArgs } from "node:util";

import { createLogger } from "@fastnext/logger";
import { spawnProcessGroup, Supervisor } from "@fastnext/supervisor";

import { readDevDatabase } from "./connection";
import { loadRootEnvFile, processEnv, readDevStackEnv } from "./env";
import { watchSources } from "./watch";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { watch: { type: "string", multiple: true, default: [] } },
});
const [name, program, ...args] = positionals;
if (!name || !program) {
  console.error("usage: dev-app <name> [--watch <dir>]... -- <command>");
  process.exit(2);
}

const log = createLogger("dev");
loadRootEnvFile();
const source = processEnv();
const file = readDevStackEnv(source).DEV_DATABASE_FILE;
const database = readDevDatabase(file);
if (!database) {
  log.fatal({ file }, `${name}: no development database is published; run it with \`turbo dev\``);
  process.exit(1);
}

const env = { ...source, ...database.env };
const supervisor = new Supervisor(
  [{ name, start: () => spawnProcessGroup(program, args, { env }) }],
  { log, onGiveUp: () => void stop(1) },
);

const watchers = watchSources(
  values.watch.map((dir) => path.resolve(dir)),
  (changed) => void supervisor.restart(name, `${path.relative(process.cwd(), changed)} changed`),
);

// Once: a second signal while stopping waits for the first stop to finish.
let stopping: Promise<never> | null = null;
function stop(code: number): Promise<never> {
  stopping ??= (async () => {
    for (const watcher of watchers) watcher.close();
    await supervisor.stop();
    process.exit(code);
  })();
  return stopping;
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

supervisor.start();
