import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { freePort, spawnEntryPoint } from "@fastnext/test-support";

import { benchEnv, childEnv } from "./env";

const here = path.dirname(fileURLToPath(import.meta.url));
const webDir = path.resolve(here, "../../apps/web");

/**
 * The servers run with NODE_ENV=production, which refuses the public
 * development secrets: each run gets fresh ones.
 */
const runSecrets = {
  AUTH_JWT_SECRET: randomBytes(32).toString("base64url"),
  AUTH_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
};

export interface ServerProcess {
  port: number;
  pid: number;
  /** Resident memory of the server process, in MiB. */
  rssMiB: () => number;
  /** CPU time (user + system) the server process has used so far, in seconds. */
  cpuSeconds: () => number;
  stop: () => Promise<void>;
}

/** Clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
const clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/**
 * What a process has spent on the CPU: on a machine shared with PostgreSQL
 * and the load generator, CPU time per request moves far less between runs
 * than requests per second do.
 */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces), from field 3 on.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kib / 1024);
}

/** Starts one of this folder's server scripts and waits for its port. */
export async function startServer(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const server = spawnEntryPoint(path.join(here, script), {
    cwd: here,
    env: childEnv({
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      LOG_FORMAT: "json",
      ...runSecrets,
      ...env,
    }),
    nodeArgs,
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.child.stdout?.on("data", () => {
      const match = /"listening":(\d+)/.exec(server.output());
      if (match?.[1]) resolve(Number(match[1]));
    });
    void server.exited.then((code) =>
      reject(new Error(`${script} exited with ${code}:\n${server.output()}`)),
    );
  });
  const pid = server.child.pid ?? 0;
  return {
    port,
    pid,
    rssMiB: () => rssOf(pid),
    cpuSeconds: () => cpuSecondsOf(pid),
    stop: server.stop,
  };
}

/** Whether apps/web has a production build for `next start`. */
export function hasWebBuild(): boolean {
  return existsSync(path.join(webDir, ".next/BUILD_ID"));
}

/**
 * The Next.js app's production build (`next start`), the HTTP edge users
 * reach at /api/trpc, on the benchmark database. Its own rate limits are set
 * out of reach, as the standalone server's are. Resolves when /api/health
 * answers.
 */
export async function startWeb(urls: {
  ownerUrl: string;
  appUrl: string;
  systemUrl: string;
}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      path.join(webDir, "node_modules/next/dist/bin/next"),
      "start",
      "--port",
      String(port),
      "--hostname",
      "127.0.0.1",
    ],
    {
      cwd: webDir,
      env: childEnv({
        NODE_ENV: "production",
        LOG_LEVEL: "warn",
        LOG_FORMAT: "json",
        ...runSecrets,
        NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
        APP_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: urls.ownerUrl,
        DATABASE_APP_URL: urls.appUrl,
        DATABASE_SYSTEM_URL: urls.systemUrl,
        DATABASE_POOL_MAX: String(benchEnv.BENCH_POOL_MAX),
        API_RATE_LIMIT_PER_USER: "1000000000",
        API_RATE_LIMIT_PER_IP: "1000000000",
        API_RATE_LIMIT_WINDOW_SECONDS: "1",
        AUTH_LOGIN_PER_IP: "1000000",
        AUTH_LOGIN_PER_ACCOUNT: "1000000",
      }),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited early:\n${output}`);
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`next start did not answer in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const pid = child.pid ?? 0;
  return {
    port,
    pid,
    rssMiB: () => rssOf(pid),
    cpuSeconds: () => cpuSecondsOf(pid),
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}
