import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * The worker as production runs it (src/main.ts through tsx), configured
 * only through its environment. One process, with tsx as a loader: the tsx
 * command would run the worker in a child of its own, and a SIGKILL sent to
 * the command would leave that child running.
 */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: workerDir,
    env: { PATH: process.env.PATH ?? "", LOG_FORMAT: "json", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return { child, output: () => output, exited };
}

/** Everything a worker process needs to run against a test database and a test SMTP server. */
export function workerEnvFor(
  db: { ownerUrl: string; appUrl: string; systemUrl: string },
  smtpPort: number,
) {
  return {
    DATABASE_URL: db.ownerUrl,
    DATABASE_APP_URL: db.appUrl,
    DATABASE_SYSTEM_URL: db.systemUrl,
    APP_URL: "https://app.example.com",
    MAIL_TRANSPORT: "smtp",
    MAIL_FROM: "FastNext <no-reply@example.com>",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtpPort),
    WORKER_CONCURRENCY: "1",
    WORKER_POLL_INTERVAL_SECONDS: "0.5",
    WORKER_JOB_TIMEOUT_SECONDS: "3",
    WORKER_MAINTENANCE_INTERVAL_SECONDS: "1",
    WORKER_RETRY_DELAY_SECONDS: "0",
    WORKER_RETRY_BACKOFF: "false",
  };
}
