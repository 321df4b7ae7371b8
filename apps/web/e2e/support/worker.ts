import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

export interface RunningWorker {
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * The background worker (apps/worker) on the e2e database: it turns domain
 * events into notifications and e-mails, which the browser tests wait for
 * (the live bell, the password-reset link).
 */
export async function startWorker(env: Record<string, string>): Promise<RunningWorker> {
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const child = spawn(process.execPath, [tsx, path.join(repoRoot, "apps/worker/src/main.ts")], {
    cwd: path.join(repoRoot, "apps/worker"),
    // "test": file mail, no production-only secrets; the web server is the production build.
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", LOG_FORMAT: "json", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);

  const deadline = Date.now() + 60_000;
  while (!output.includes("worker ready")) {
    if (child.exitCode !== null) throw new Error(`the worker exited early:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the worker did not start in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
