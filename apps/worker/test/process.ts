import path from "node:path";
import { fileURLToPath } from "node:url";

import { spawnEntryPoint, type ChildUnderTest } from "@fastnext/test-support";

const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The worker as production runs it (src/main.ts through tsx), configured only through its environment. */
export function spawnWorker(env: Record<string, string>): ChildUnderTest {
  return spawnEntryPoint("src/main.ts", {
    cwd: workerDir,
    env: { PATH: process.env.PATH ?? "", LOG_FORMAT: "json", NODE_ENV: "production", ...env },
  });
}

/**
 * The key ring a worker process opens webhook secrets with (production
 * refuses the public development key): give the same to
 * `startApi({ authEnv: { AUTH_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS } })`
 * when the API seals what the process opens.
 */
export const TEST_ENCRYPTION_KEYS = `test:${Buffer.from("worker-process-test-key-32-bytes").toString("base64")}`;

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
    AUTH_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
  };
}
