import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { isRunning } from "@fastnext/supervisor";

import { publishDevDatabase } from "../src/connection";

/**
 * The runner each app's `dev` script goes through, on real processes: it
 * hands the app the published database, restarts it when a watched source
 * changes, gives up (exit 1, which stops `turbo dev`) on an app that keeps
 * crashing, and stops it on SIGINT.
 */

const runApp = fileURLToPath(new URL("../src/run-app.ts", import.meta.url));
const DATABASE_URL = "postgresql://owner:secret@127.0.0.1:1/published";

let work: string;
let databaseFile: string;
let runner: ChildProcess | null = null;
let output = "";

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), "fastnext-run-app-"));
  databaseFile = path.join(work, "dev-database.json");
  // Published by a process that runs: this one.
  publishDevDatabase(databaseFile, { pid: process.pid, env: { DATABASE_URL } });
});

afterEach(async () => {
  if (runner && runner.exitCode === null && runner.signalCode === null) {
    // SIGTERM: the runner stops the app it started before it exits.
    runner.kill("SIGTERM");
    await new Promise((resolve) => runner?.once("exit", resolve));
  }
  runner = null;
  output = "";
  rmSync(work, { recursive: true, force: true });
});

function start(args: readonly string[]): Promise<number | null> {
  const child = spawn(process.execPath, ["--import", "tsx", runApp, ...args], {
    // Where tsx resolves from; the app watches and writes in `work`.
    cwd: path.dirname(runApp),
    env: { PATH: process.env.PATH ?? "", LOG_FORMAT: "json", DEV_DATABASE_FILE: databaseFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  runner = child;
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

async function until(what: string, probe: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const started = () => output.match(/^started \d+$/gm) ?? [];

describe("dev-app", () => {
  it("runs the app with the published database, restarts it when a watched source changes, and stops it on SIGINT", async () => {
    const app = `console.log("started", process.pid); console.log("database", process.env.DATABASE_URL); setInterval(() => {}, 1000)`;
    const exited = start(["app", "--watch", work, "--", process.execPath, "-e", app]);
    await until("the app", () => started().length === 1);
    expect(output).toContain(`database ${DATABASE_URL}`);
    const first = Number(started()[0]?.split(" ")[1]);

    writeFileSync(path.join(work, "changed.ts"), "export {};\n");
    await until("the restart", () => started().length === 2);
    expect(output).toMatch(/app: restarting \(\S*changed\.ts changed\)/);
    expect(isRunning(first)).toBe(false);
    const second = Number(started()[1]?.split(" ")[1]);

    runner?.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(isRunning(second)).toBe(false);
  });

  it("exits 1 when the app crashes more than 5 times within a minute", async () => {
    // Restarts after 1 + 2 + 4 + 8 + 16 s: the sixth crash comes after 31 s.
    const exited = start(["app", "--", process.execPath, "-e", "process.exit(3)"]);
    expect(await exited).toBe(1);
    expect(output).toContain("app exited (exit code 3) for the 6th time within 60 s; giving up");
  }, 60_000);

  it("refuses to start when no database is published", async () => {
    rmSync(databaseFile);
    const exited = start(["app", "--", process.execPath, "-e", "setInterval(() => {}, 1000)"]);
    expect(await exited).toBe(1);
    expect(output).toContain("no development database is published");
  });
});
