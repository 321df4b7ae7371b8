import { z } from "zod";

import { readEncryptionKeyRing } from "@fastnext/auth/env";
import { envFields, parseEnv, type EnvSource, type EnvDocs } from "@fastnext/config";
import { readTransferEnv } from "@fastnext/core/transfers";
import { readWebhookEnv } from "@fastnext/core/webhooks";
import { readStorageEnv } from "@fastnext/storage/env";
import { readDbEnv } from "@fastnext/db";
import { readEmailEnv } from "@fastnext/email/env";
import { readMetricsEnv } from "@fastnext/metrics/env";

import { DEFAULT_HEARTBEAT_SECONDS } from "./heartbeat";

export const workerEnvShape = {
  /**
   * Port of the worker's metrics listener on loopback (127.0.0.1) when only
   * METRICS_TOKEN is set; METRICS_ADDRESS (host:port) takes its place, and
   * is how the listener is opened to other hosts.
   */
  METRICS_PORT: envFields.port(9464),
  /** How long shutdown waits for work in hand before giving up. */
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** The web app's public address: links in e-mails point there. */
  APP_URL: z.url().default("http://localhost:3000"),
  /** Jobs of each queue this process runs at once. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
  /** How often an idle queue is asked for work (pg-boss allows 0.5 at least). */
  WORKER_POLL_INTERVAL_SECONDS: z.coerce.number().min(0.5).max(60).default(1),
  /**
   * Longest a job may run. A job held longer (its worker was killed, or
   * hangs) is failed and retried by the next maintenance pass, so this is
   * also how soon work of a dead worker is picked up again.
   */
  WORKER_JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(3_600).default(120),
  /** How often the worker records that it runs; three silent intervals and readiness reports it missing. */
  WORKER_HEARTBEAT_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(300)
    .default(DEFAULT_HEARTBEAT_SECONDS),
  /** Retries after the first attempt, per handler job; then the job stays failed. */
  WORKER_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(5),
  /** Delay before the first retry; doubled (with jitter) each time when backing off. */
  WORKER_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).max(3_600).default(5),
  WORKER_RETRY_BACKOFF: envFields.boolean(true),
  /** How often expired jobs are failed and old ones archived (by one worker at a time). */
  WORKER_MAINTENANCE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
  /** How long failed jobs (out of retries) stay visible before being archived. */
  WORKER_FAILED_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** When the purge of expired tokens, sessions and challenges runs (cron, UTC). */
  WORKER_PURGE_CRON: z
    .string()
    .trim()
    .regex(/^\S+( \S+){4}$/, "must be a five-field cron expression")
    .default("17 * * * *"),
  /** When due workflow time-outs are fired (cron, UTC; pg-boss schedules by the minute at most). */
  WORKER_TIMEOUTS_CRON: z
    .string()
    .trim()
    .regex(/^\S+( \S+){4}$/, "must be a five-field cron expression")
    .default("* * * * *"),
  /** Longest a webhook request may take, connection to last byte, before the attempt counts as failed. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Retries of a webhook delivery after its first attempt (then it is failed). */
  WEBHOOK_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(8),
  /** Delay before a delivery's first retry; doubled, with jitter, for each one after. */
  WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).max(3_600).default(30),
  /** Failed attempts in a row after which an endpoint is disabled and its owners told. */
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(1_000).default(25),
};

/** The README's configuration table (`pnpm docs:env`). */
export const workerEnvDocs: EnvDocs<typeof workerEnvShape> = {
  METRICS_PORT:
    "the worker's metrics port on 127.0.0.1 when only `METRICS_TOKEN` is set (`METRICS_ADDRESS` opens it to other hosts)",
  WORKER_SHUTDOWN_TIMEOUT_MS: "how long the worker waits for work in hand on SIGTERM",
  APP_URL: "the web app's public address: links in e-mails point there",
  WORKER_CONCURRENCY: "jobs of each queue one worker runs at once",
  WORKER_POLL_INTERVAL_SECONDS: "how often an idle queue is asked for work",
  WORKER_JOB_TIMEOUT_SECONDS:
    "longest a job may run; a job held longer (its worker died) is failed and retried, so also how soon a dead worker's work is picked up",
  WORKER_HEARTBEAT_SECONDS:
    "how often the worker records that it runs; after three silent intervals readiness reports it missing",
  WORKER_RETRY_LIMIT: "retries after the first attempt, per handler job",
  WORKER_RETRY_DELAY_SECONDS: "delay before the first retry",
  WORKER_RETRY_BACKOFF: "double the retry delay (with jitter) each time",
  WORKER_MAINTENANCE_INTERVAL_SECONDS: "how often expired jobs are failed and old ones archived",
  WORKER_FAILED_RETENTION_DAYS: "how long failed jobs stay visible before being archived",
  WORKER_PURGE_CRON: "when expired tokens, sessions and challenges are purged (cron, UTC)",
  WORKER_TIMEOUTS_CRON: "when due workflow time-outs fire (cron, UTC)",
  WEBHOOK_TIMEOUT_MS:
    "longest a webhook request may take (connection to last byte) before the attempt counts as failed",
  WEBHOOK_RETRY_LIMIT: "retries of a webhook delivery after its first attempt",
  WEBHOOK_RETRY_DELAY_SECONDS:
    "delay before a webhook delivery's first retry; doubled, with jitter, for each one after",
  WEBHOOK_DISABLE_AFTER_FAILURES:
    "failed webhook attempts in a row after which the endpoint is disabled and its owners notified",
};

export function readWorkerEnv(source: EnvSource) {
  const worker = parseEnv("worker", workerEnvShape, source);
  return {
    ...worker,
    db: readDbEnv(source),
    email: readEmailEnv(source),
    metrics: readMetricsEnv(source),
    webhooks: readWebhookEnv(source),
    storage: readStorageEnv(source),
    transfers: readTransferEnv(source),
    encryptionKeys: readEncryptionKeyRing(source),
  };
}

export type WorkerEnv = ReturnType<typeof readWorkerEnv>;

/** The worker's configuration from the process environment. */
export function workerEnv(): WorkerEnv {
  return readWorkerEnv(process.env);
}
