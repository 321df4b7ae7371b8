// First: tracing starts before anything it instruments is loaded.
import { tracing } from "./instrument";

import { configOrExit } from "@fastnext/config";
import { createLogger } from "@fastnext/logger";
import { shutdownTracing } from "@fastnext/tracing";

import { workerEnv } from "./env";
import { metricsListenAddress } from "./metrics-address";

const log = createLogger("worker");

async function main(): Promise<void> {
  const env = configOrExit(workerEnv);
  const { appDb, checkReadiness, disconnectAppDb } = await import("@fastnext/db");
  const { disconnectSystemDb, SYSTEM_POOL_MAX, systemDb } = await import("@fastnext/db/system");
  const { createMailer } = await import("@fastnext/email");
  const { createRegistry, createWorkerMetrics, startMetricsListener } =
    await import("@fastnext/metrics");
  const { poolStats } = await import("@fastnext/db");
  const { createWorker } = await import("./worker");
  const { createObjectStorage } = await import("@fastnext/storage");
  const { RESPONSE_BODY_LIMIT_BYTES } = await import("./webhooks/settings");
  const { importLimitsOf } = await import("@fastnext/core/transfers");

  // The composition root: the process's one registry, recorded into by the worker and its pool.
  const metrics = createWorkerMetrics(createRegistry());
  const db = systemDb({ observer: metrics.db.observer("system") });
  metrics.db.watchPool("system", SYSTEM_POOL_MAX, () => poolStats(db));

  const readiness = await checkReadiness(appDb());
  if (!readiness.ready) {
    log.fatal({ reason: readiness.reason, detail: readiness.detail }, "database not ready");
    await disconnectAppDb();
    process.exit(1);
  }

  const mailer = createMailer(env.email, createLogger("mail"));
  // One adapter for every stored file: attachments and exports alike.
  const storage = createObjectStorage(env.storage);
  const worker = createWorker({
    db,
    metrics,
    queueUrl: env.db.systemUrl,
    mailer,
    appUrl: env.APP_URL,
    log,
    purgeCron: env.WORKER_PURGE_CRON,
    timeoutsCron: env.WORKER_TIMEOUTS_CRON,
    heartbeatSeconds: env.WORKER_HEARTBEAT_SECONDS,
    queue: {
      concurrency: env.WORKER_CONCURRENCY,
      pollIntervalSeconds: env.WORKER_POLL_INTERVAL_SECONDS,
      jobTimeoutSeconds: env.WORKER_JOB_TIMEOUT_SECONDS,
      retryLimit: env.WORKER_RETRY_LIMIT,
      retryDelaySeconds: env.WORKER_RETRY_DELAY_SECONDS,
      retryBackoff: env.WORKER_RETRY_BACKOFF,
      maintenanceIntervalSeconds: env.WORKER_MAINTENANCE_INTERVAL_SECONDS,
      failedRetentionDays: env.WORKER_FAILED_RETENTION_DAYS,
    },
    webhooks: {
      allowList: env.webhooks.allowList,
      encryptionKeys: env.encryptionKeys,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      retryLimit: env.WEBHOOK_RETRY_LIMIT,
      retryDelaySeconds: env.WEBHOOK_RETRY_DELAY_SECONDS,
      disableAfterFailures: env.WEBHOOK_DISABLE_AFTER_FAILURES,
      maxResponseBytes: RESPONSE_BODY_LIMIT_BYTES,
    },
    storage,
    transfers: {
      pool: appDb(),
      storage,
      cleanupCron: env.transfers.TRANSFER_CLEANUP_CRON,
      settings: {
        progressEveryRows: env.transfers.TRANSFER_PROGRESS_EVERY_ROWS,
        progressEveryMs: 1_000,
        exportRetentionSeconds: env.transfers.TRANSFER_EXPORT_RETENTION_HOURS * 3600,
        exportMaxBytes: env.transfers.TRANSFER_EXPORT_MAX_BYTES,
        importLimits: importLimitsOf(env.transfers),
        transactionTimeoutMs: env.transfers.TRANSFER_TIMEOUT_SECONDS * 1000,
      },
    },
  });
  await worker.start();
  log.info(
    {
      migrations: readiness.migrations,
      mail: mailer.transport,
      tracing: tracing.serviceName ?? `off: ${tracing.offReason}`,
    },
    "worker ready",
  );

  // Served on a listener of its own: METRICS_ADDRESS, or loopback at METRICS_PORT behind the token.
  const { token } = env.metrics;
  const listenAt = metricsListenAddress(env.metrics, env.METRICS_PORT);
  const listener = listenAt
    ? await startMetricsListener({ address: listenAt, registry: metrics.registry, token })
    : null;
  if (listener) {
    log.info(
      { host: listener.host, port: listener.port, token: token !== null },
      "metrics listening",
    );
  } else {
    log.info("metrics off: set METRICS_TOKEN or METRICS_ADDRESS to serve /metrics");
  }

  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, "shutting down");
    void worker
      .stop(env.WORKER_SHUTDOWN_TIMEOUT_MS)
      .then(async (drained) => {
        if (!drained) log.warn("work in hand did not finish in time; it will be retried");
        await listener?.close();
        await mailer.close();
        await Promise.all([disconnectAppDb(), disconnectSystemDb(), shutdownTracing()]);
        log.info("worker stopped");
        process.exit(0);
      })
      .catch((error: unknown) => {
        log.fatal({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, "worker crashed");
  process.exit(1);
});
