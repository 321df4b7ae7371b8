import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { freePort } from "@fastnext/test-support";
import { isRunning } from "@fastnext/supervisor";

import { readDevDatabase } from "../src/connection";
import { repoRoot } from "../src/env";

/**
 * `pnpm dev` (`turbo run dev`) as a new user runs it: no DATABASE_URL, so
 * the embedded PostgreSQL starts in a fresh data folder; web, API server
 * and worker come up on it; Ctrl-C (SIGINT to the process group, as a
 * terminal sends it) stops the apps, then the database, and leaves no
 * process and no listening port behind. Own ports and folders, so it runs
 * beside other checkouts. Bounded: the first start initialises the data
 * folder and next dev compiles each route on first request.
 */

const START_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 60_000;

let work: string;
let ports: { web: number; api: number; database: number };
let dataDir: string;
let databaseFile: string;
let stack: ChildProcess;
let output = "";

/** Every process descended from `root`, with its command line (from /proc). */
function descendants(root: number): Map<number, string> {
  const children = new Map<number, number[]>();
  const commands = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      commands.set(pid, readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " "));
    } catch {
      // Gone meanwhile.
    }
  }
  const found = new Map<number, string>();
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() ?? 0) ?? []) {
      found.set(child, commands.get(child) ?? "");
      queue.push(child);
    }
  }
  return found;
}

/** Waits until none of `pids` runs; returns those still running at the deadline. */
async function waitUntilGone(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let running = pids.filter(isRunning);
  while (running.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    running = running.filter(isRunning);
  }
  return running;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (stack.exitCode !== null) throw new Error(`pnpm dev exited early:\n${output}`);
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}:\n${output.slice(-5_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function json(url: string): Promise<Record<string, unknown> | undefined> {
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  return response.ok ? ((await response.json()) as Record<string, unknown>) : undefined;
}

describe("pnpm dev", () => {
  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), "fastnext-turbo-dev-"));
    // Run as root, PostgreSQL runs as the postgres user, which must reach its folder.
    chmodSync(work, 0o755);
    dataDir = path.join(work, "postgres");
    databaseFile = path.join(work, "dev-database.json");
    ports = { web: await freePort(), api: await freePort(), database: await freePort() };
    stack = spawn("pnpm", ["dev"], {
      cwd: repoRoot,
      // Its own process group, like a terminal's foreground job.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      // What a developer's shell has, and no database: nothing else leaks in.
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? work,
        LOG_FORMAT: "json",
        PORT: String(ports.web),
        API_PORT: String(ports.api),
        EMBEDDED_PG_PORT: String(ports.database),
        EMBEDDED_PG_DATA_DIR: dataDir,
        DEV_DATABASE_FILE: databaseFile,
        MAIL_DIR: path.join(work, "mail"),
        WORKER_HEARTBEAT_SECONDS: "2",
        NEXT_TELEMETRY_DISABLED: "1",
        TURBO_TELEMETRY_DISABLED: "1",
      },
    });
    stack.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    stack.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  });

  afterAll(() => {
    // Whatever a failed assertion left running goes too.
    try {
      if (stack.pid) process.kill(-stack.pid, "SIGKILL");
    } catch {
      // Nothing left.
    }
    rmSync(work, { recursive: true, force: true });
  });

  it(
    "serves web, API and worker on the embedded database, and Ctrl-C stops every process, the database once its clients are gone",
    async () => {
      const api = await until(
        "the API server's /ready",
        () => json(`http://127.0.0.1:${ports.api}/ready`),
        START_TIMEOUT_MS,
      );
      expect(api.status).toBe("ready");
      const worker = await until(
        "the worker's heartbeat",
        () => json(`http://127.0.0.1:${ports.api}/health/worker`),
        START_TIMEOUT_MS,
      );
      expect(worker.status).toBe("ok");
      const web = await until(
        "the web app's /api/ready",
        () => json(`http://127.0.0.1:${ports.web}/api/ready`),
        START_TIMEOUT_MS,
      );
      expect(web).toMatchObject({ status: "ready", worker: "ok" });
      expect(output).toContain("Demo admin: admin@example.com / admin-password");
      expect(existsSync(databaseFile)).toBe(true);

      const rootPid = stack.pid ?? 0;
      const processes = descendants(rootPid);
      const postmaster = Number(
        readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0],
      );
      const apps = [...processes]
        .filter(([, command]) => /src\/main\.ts|next-server|next dev/.test(command))
        .map(([pid]) => pid);
      expect(processes.has(postmaster)).toBe(true);
      expect(apps.length).toBeGreaterThanOrEqual(3);

      // A client of the database, like the apps: the database must still
      // answer it once every app is gone, and stop only when it leaves.
      const published = readDevDatabase(databaseFile);
      const client = new pg.Client({ connectionString: published?.env.DATABASE_URL });
      await client.connect();

      process.kill(-rootPid, "SIGINT");
      await waitUntilGone(apps, STOP_TIMEOUT_MS);
      expect((await client.query<{ up: number }>("SELECT 1 AS up")).rows).toEqual([{ up: 1 }]);
      expect(isRunning(postmaster)).toBe(true);
      await client.end();

      const everything = [rootPid, ...processes.keys()];
      const survivors = await waitUntilGone(everything, STOP_TIMEOUT_MS);
      expect(survivors.map((pid) => `${pid} ${processes.get(pid) ?? "pnpm dev"}`)).toEqual([]);
      for (const port of Object.values(ports)) expect(await listening(port)).toBe(false);
      // Shut down cleanly: PostgreSQL removes its pid file; the connection is withdrawn.
      expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
      expect(existsSync(databaseFile)).toBe(false);
    },
    START_TIMEOUT_MS + STOP_TIMEOUT_MS + 30_000,
  );
});
