import { SpanStatusCode } from "@opentelemetry/api";
import type PgBoss from "pg-boss";

import {
  purgeExpiredExports,
  runTransfer,
  transferRunners,
  type TransferSettings,
} from "@fastnext/core/transfers";
import { fireDueTimeouts } from "@fastnext/core/workflows";
import { type PrismaClient } from "@fastnext/db";
import { type Mailer } from "@fastnext/email";
import {
  jobsByQueueAndState,
  QUEUES,
  ZDispatchJobSchema,
  ZHandlerJobSchema,
  ZTransferJobSchema,
  ZWebhookDeliveryJobSchema,
} from "@fastnext/events";
import { scopeLogger, withLogScope, type Logger } from "@fastnext/logger";
import { type WorkerMetrics } from "@fastnext/metrics";
import { type ObjectStorage } from "@fastnext/storage";

import { dispatchEvent } from "./dispatch";
import { createLinks, HandlerRegistry, type Handler, type WorkerContext } from "./handlers";
import { DEFAULT_HEARTBEAT_SECONDS, Heartbeat } from "./heartbeat";
import { Lifecycle } from "./lifecycle";
import {
  applyQueueSettings,
  applyTransferQueueSettings,
  createBoss,
  type QueueSettings,
} from "./queue/boss";
import { runHandler } from "./runner";
import { purgeExpired } from "./scheduled/purge";
import { withJobSpan } from "./tracing";
import { deliverWebhook } from "./webhooks/deliver";
import { applyWebhookQueueSettings, type WebhookDeliverySettings } from "./webhooks/settings";

export interface WorkerOptions {
  /** The system client (BYPASSRLS, never superuser): handlers run on it. */
  db: PrismaClient;
  /** The same login as a connection string, for the queue's own pool. */
  queueUrl: string;
  mailer: Mailer;
  appUrl: string;
  log: Logger;
  queue: QueueSettings;
  /** Cron (UTC) of the purge of expired credentials. */
  purgeCron: string;
  /** Cron (UTC) of firing due workflow time-outs. */
  timeoutsCron: string;
  /** Defaults to every handler of the product; tests may pass others. */
  handlers?: readonly Handler[];
  /** How often this worker records that it is alive (default 10 s). */
  heartbeatSeconds?: number;
  /** The process's metrics: jobs, event lag, heartbeat, queue sizes. */
  metrics?: WorkerMetrics;
  /** How webhooks are delivered: address policy, secrets' key ring, time-out, retries. */
  webhooks: WebhookDeliverySettings;
  /** Attachment storage, where the files of deleted attachments and projects are removed. */
  storage?: ObjectStorage;
  /** Exports and imports: run as their requesters on the application role's pool. */
  transfers?: WorkerTransferOptions;
}

export interface WorkerTransferOptions {
  /** The application role's pool (RLS-bound): every transfer runs on it, as its requester. */
  pool: PrismaClient;
  /** Where their files go: the same storage as attachments. */
  storage: ObjectStorage;
  settings: TransferSettings;
  /** Cron (UTC) of removing expired exports' files. */
  cleanupCron: string;
}

/** Transfers one worker runs at once: each holds a connection and a transaction for its length. */
const TRANSFER_CONCURRENCY = 2;

export interface WorkerStats {
  dispatched: number;
  handled: number;
  failed: number;
}

/**
 * The background worker: dispatches domain events to their handlers, runs
 * the handlers, and runs the scheduled jobs, all through the queue.
 * Several may run side by side: a job is claimed by one of them at a time
 * (SKIP LOCKED), and one that dies is retried after its job time-out.
 */
export class Worker {
  readonly stats: WorkerStats = { dispatched: 0, handled: 0, failed: 0 };
  private readonly lifecycle: Lifecycle;
  private readonly registry: HandlerRegistry;
  private readonly ctx: WorkerContext;
  private boss: PgBoss | null = null;
  private readonly heartbeat: Heartbeat;

  constructor(private readonly options: WorkerOptions) {
    this.lifecycle = new Lifecycle(options.log);
    const { metrics } = options;
    this.heartbeat = new Heartbeat(
      options.db,
      options.log,
      options.heartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS,
      metrics && ((at) => metrics.heartbeat(at)),
    );
    metrics?.watchQueues(() => jobsByQueueAndState(options.db));
    this.registry = new HandlerRegistry(options.handlers);
    this.ctx = {
      db: options.db,
      mailer: options.mailer,
      links: createLinks(options.appUrl),
      log: options.log,
      // A message claimed by an attempt that died is free again once a job
      // held that long would have been given up on too.
      mailLeaseSeconds: options.queue.jobTimeoutSeconds,
      sending: new Set(),
      webhooks: options.webhooks,
      metrics,
      storage: options.storage,
    };
  }

  async start(): Promise<void> {
    const { queue, log } = this.options;
    const boss = createBoss(this.options.queueUrl, queue);
    boss.on("error", (error) => log.error({ err: error }, "queue error"));
    await boss.start();
    this.boss = boss;
    await applyQueueSettings(boss, queue);
    await applyWebhookQueueSettings(boss, this.options.webhooks);
    await boss.schedule(QUEUES.purge, this.options.purgeCron, {}, { tz: "UTC" });
    await boss.schedule(QUEUES.workflowTimeouts, this.options.timeoutsCron, {}, { tz: "UTC" });
    const { transfers } = this.options;
    if (transfers) {
      await applyTransferQueueSettings(boss, queue, transfers.settings);
      await boss.schedule(QUEUES.transferCleanup, transfers.cleanupCron, {}, { tz: "UTC" });
    }

    const polling = {
      pollingIntervalSeconds: queue.pollIntervalSeconds,
      batchSize: 1,
      includeMetadata: true as const,
    };
    for (let i = 0; i < queue.concurrency; i += 1) {
      await this.loop(boss, QUEUES.dispatch, polling, async (data) => {
        const { eventId } = ZDispatchJobSchema.parse(data);
        await dispatchEvent(boss, this.registry, queue, eventId, this.ctx);
        this.stats.dispatched += 1;
      });
      await this.loop(boss, QUEUES.handle, polling, async (data, job) => {
        const { eventId, handler: name } = ZHandlerJobSchema.parse(data);
        const handler = this.registry.get(name);
        if (!handler) throw new Error(`no handler is named ${name}`);
        try {
          const outcome = await runHandler(handler, eventId, this.ctx, {
            jobId: job.id,
            number: job.retryCount,
          });
          this.stats.handled += 1;
          scopeLogger(log).debug({ outcome }, "handler finished");
        } catch (error) {
          this.stats.failed += 1;
          throw error;
        }
      });
      await this.loop(boss, QUEUES.webhookDelivery, polling, async (data, job) => {
        const { deliveryId } = ZWebhookDeliveryJobSchema.parse(data);
        const outcome = await deliverWebhook(deliveryId, this.ctx, {
          retryCount: job.retryCount,
          retryLimit: job.retryLimit,
        });
        scopeLogger(log).debug({ outcome }, "webhook job finished");
      });
    }
    await this.loop(boss, QUEUES.purge, polling, async () => {
      const purged = await purgeExpired(this.options.db);
      log.info(purged, "purged expired credentials");
    });
    await this.loop(boss, QUEUES.workflowTimeouts, polling, async () => {
      const fired = await fireDueTimeouts(this.options.db, new Date());
      this.options.metrics?.timeoutsFired(fired);
      if (fired > 0) log.info({ fired }, "fired workflow time-outs");
    });
    if (transfers) await this.startTransfers(boss, polling, transfers);
    // Last: the worker counts as running once it takes jobs.
    await this.heartbeat.start();
  }

  private async startTransfers(
    boss: PgBoss,
    polling: { pollingIntervalSeconds: number; batchSize: number; includeMetadata: true },
    transfers: WorkerTransferOptions,
  ): Promise<void> {
    const { log } = this.options;
    const deps = {
      system: this.options.db,
      pool: transfers.pool,
      storage: transfers.storage,
      settings: transfers.settings,
      runners: transferRunners,
      log,
    };
    for (let i = 0; i < TRANSFER_CONCURRENCY; i += 1) {
      await this.loop(boss, QUEUES.transfers, polling, async (data, job) => {
        const { transferId } = ZTransferJobSchema.parse(data);
        const outcome = await runTransfer(deps, transferId, {
          retryCount: job.retryCount,
          retryLimit: job.retryLimit,
        });
        scopeLogger(log).info({ transferId, outcome }, "transfer job finished");
      });
    }
    await this.loop(boss, QUEUES.transferCleanup, polling, async () => {
      const purged = await purgeExpiredExports(this.options.db, transfers.storage);
      if (purged > 0) log.info({ purged }, "removed expired exports");
    });
  }

  /**
   * One polling loop on a queue. After a job it asks for the next one at
   * once (notifyWorker) instead of sleeping the polling interval, so a busy
   * queue drains at full speed and an idle one is polled gently.
   */
  private async loop(
    boss: PgBoss,
    queue: string,
    options: { pollingIntervalSeconds: number; batchSize: number; includeMetadata: true },
    run: (data: unknown, job: PgBoss.JobWithMetadata) => Promise<void>,
  ): Promise<void> {
    // Known once work() returns; the first job arrives only after that.
    const loop: { id?: string } = {};
    loop.id = await boss.work<object>(queue, options, async (jobs) => {
      try {
        for (const job of jobs) await this.lifecycle.track(this.settle(boss, queue, job, run));
      } finally {
        if (loop.id && !this.lifecycle.stopping) boss.notifyWorker(loop.id);
      }
    });
  }

  /**
   * Runs a job and records its outcome before returning. pg-boss would
   * record it too, but without waiting: a worker stopping right after
   * could lose the record, and the finished job would run again.
   *
   * A job runs in a span and a log scope of its own: every line logged for
   * it names the queue and the job, and once its event is read, the event
   * and the request that raised it (see `eventLogger`).
   */
  private settle(
    boss: PgBoss,
    queue: string,
    job: PgBoss.JobWithMetadata,
    run: (data: unknown, job: PgBoss.JobWithMetadata) => Promise<void>,
  ): Promise<void> {
    const log = this.options.log;
    const started = performance.now();
    const retry = job.retryCount > 0;
    const ended = () => (performance.now() - started) / 1000;
    return withLogScope(
      log,
      () =>
        withJobSpan(queue, job, async (span) => {
          try {
            await run(job.data, job);
          } catch (error) {
            this.options.metrics?.jobEnded(queue, ended(), {
              ok: false,
              retry,
              final: job.retryCount >= job.retryLimit,
            });
            const message = error instanceof Error ? error.message : String(error);
            span.setStatus({ code: SpanStatusCode.ERROR, message });
            scopeLogger(log).warn(
              { err: error, try: job.retryCount + 1, of: job.retryLimit + 1 },
              "job failed; the queue retries it while tries remain",
            );
            await boss.fail(queue, job.id, { message });
            return;
          }
          this.options.metrics?.jobEnded(queue, ended(), { ok: true, retry });
          await boss.complete(queue, job.id);
        }),
      { queue, jobId: job.id },
    );
  }

  /**
   * Stops taking jobs, lets the ones in hand finish for up to `timeoutMs`,
   * then hands any still running back to the queue (failed, so retried).
   * Returns whether everything in hand finished.
   */
  async stop(timeoutMs: number): Promise<boolean> {
    const boss = this.boss;
    if (!boss) return true;
    // First: a stopping worker no longer counts as running.
    await this.heartbeat.stop();
    for (const queue of Object.values(QUEUES)) await boss.offWork(queue);
    const drained = await this.lifecycle.stop(timeoutMs);
    await boss.stop({ graceful: false, wait: true, close: true });
    this.boss = null;
    return drained;
  }
}

export function createWorker(options: WorkerOptions): Worker {
  return new Worker(options);
}
