import path from "node:path";
import { fileURLToPath } from "node:url";

import { spawnEntryPoint } from "@fastnext/test-support";

const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../worker");

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
  const worker = spawnEntryPoint("src/main.ts", {
    cwd: workerDir,
    // "test": file mail, no production-only secrets; the web server is the production build.
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", LOG_FORMAT: "json", ...env },
  });
  const deadline = Date.now() + 60_000;
  while (!worker.output().includes("worker ready")) {
    if (worker.child.exitCode !== null)
      throw new Error(`the worker exited early:\n${worker.output()}`);
    if (Date.now() > deadline) {
      worker.child.kill("SIGKILL");
      throw new Error(`the worker did not start in time:\n${worker.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { output: worker.output, stop: worker.stop };
}
