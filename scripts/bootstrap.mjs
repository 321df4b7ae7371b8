#!/usr/bin/env node
// `npm start` / `npm test` on a machine with nothing but Node.js 20+:
// finds (or fetches from the npm registry) the pinned pnpm, installs the
// workspace exactly as locked, then hands over to `pnpm dev` or `pnpm check`.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const [major] = process.versions.node.split(".").map(Number);
if (major < 20) {
  console.error(`Node.js 20 or newer is required (this is ${process.version}).`);
  process.exit(1);
}

const rootPackage = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const pnpmVersion = rootPackage.packageManager.replace(/^pnpm@/, "");

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function pnpmCommand() {
  const found = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
  if (found.status === 0 && found.stdout.trim() === pnpmVersion) return ["pnpm"];
  // corepack cannot verify pnpm's signature offline; npx fetches the exact
  // version from the npm registry instead.
  console.log(`Using pnpm ${pnpmVersion} through npx.`);
  return ["npx", "--yes", `pnpm@${pnpmVersion}`];
}

const mode = process.argv[2];
const tasks = { start: ["dev"], test: ["check"] };
if (!(mode in tasks)) {
  console.error("usage: node scripts/bootstrap.mjs start|test");
  process.exit(2);
}

/**
 * Runs the app in a process group of its own and passes SIGINT and SIGTERM
 * to the whole group: pnpm does not pass a SIGTERM on to its script, so a
 * SIGTERM sent to this process alone would otherwise leave the app running.
 */
function serve(command, args) {
  const child = spawn(command, args, { stdio: "inherit", detached: true });
  const forward = (signal) => () => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  process.on("SIGINT", forward("SIGINT"));
  process.on("SIGTERM", forward("SIGTERM"));
  child.on("exit", (code) => process.exit(code ?? 1));
}

const [pnpm, ...pnpmArgs] = pnpmCommand();
const installed = run(pnpm, [...pnpmArgs, "install", "--frozen-lockfile"]);
if (installed !== 0) process.exit(installed);
if (mode === "start") serve(pnpm, [...pnpmArgs, "run", ...tasks[mode]]);
else process.exit(run(pnpm, [...pnpmArgs, "run", ...tasks[mode]]));
