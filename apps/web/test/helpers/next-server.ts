import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { freePort } from "@fastnext/test-support";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface RunningNext {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Production refuses the public development key, so tests bring their own. */
export const TEST_NEXTAUTH_SECRET = "next-auth-secret-for-tests-only-0123456789abcdef";

/** The token keys production requires at start-up (the API's configuration is checked with the web app's). */
const TEST_AUTH_KEYS = {
  AUTH_JWT_SECRET: "access-token-secret-for-tests-only-0123456789",
  AUTH_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

function spawnNext(env: Record<string, string>, port: number): ChildProcess {
  if (!existsSync(path.join(appDir, ".next/BUILD_ID"))) {
    throw new Error(
      "apps/web has no production build: run `pnpm build` (the test command does) first",
    );
  }
  const nextBin = path.join(appDir, "node_modules/next/dist/bin/next");
  return spawn(
    process.execPath,
    [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: appDir,
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "production",
        LOG_FORMAT: "json",
        NEXTAUTH_SECRET: TEST_NEXTAUTH_SECRET,
        ...TEST_AUTH_KEYS,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

export interface StartNextOptions {
  /** Listen on this port (e.g. one from freePort(), to put the URL in env first). */
  port?: number;
}

/** Runs the production build (`next start`) and waits until it answers. */
export async function startNext(
  env: Record<string, string>,
  options: StartNextOptions = {},
): Promise<RunningNext> {
  const port = options.port ?? (await freePort());
  const child = spawnNext(env, port);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

/** Runs `next start` expecting it to refuse to start; returns its exit code and output. */
export async function startNextExpectingFailure(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawnNext(env, await freePort());
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}
