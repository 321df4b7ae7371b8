import PgBoss from "pg-boss";

import { type TransferSettings } from "@fastnext/core/transfers";
import { QUEUE_SCHEMA } from "@fastnext/db";
import { QUEUES } from "@fastnext/events";

export interface QueueSettings {
  concurrency: number;
  pollIntervalSeconds: number;
  jobTimeoutSeconds: number;
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  maintenanceIntervalSeconds: number;
  failedRetentionDays: number;
}

/**
 * pg-boss on the worker's login (fastnext_system). It never migrates (the
 * schema belongs to the owner and is installed by migrateDeploy) but checks
 * on start that the schema is the version this build expects.
 */
export function createBoss(connectionString: string, settings: QueueSettings): PgBoss {
  return new PgBoss({
    connectionString,
    schema: QUEUE_SCHEMA,
    application_name: "fastnext-worker",
    // One connection per concurrent job of the two event queues and the
    // webhook queue, plus the maintenance and cron loops.
    max: settings.concurrency * 3 + 2,
    migrate: false,
    supervise: true,
    schedule: true,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
    archiveFailedAfterSeconds: settings.failedRetentionDays * 86_400,
    pollingIntervalSeconds: settings.pollIntervalSeconds,
  });
}

/** Retry and time-out settings of the event queues, from this worker's configuration. */
export function eventQueueOptions(settings: QueueSettings) {
  return {
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: settings.retryBackoff,
    expireInSeconds: settings.jobTimeoutSeconds,
  };
}

/**
 * Writes the configured retry and time-out settings onto the queue rows.
 * A job sent without its own settings takes the queue's, so this is how
 * configuration reaches the dispatch jobs the API enqueues (emitEvent).
 */
export async function applyQueueSettings(boss: PgBoss, settings: QueueSettings): Promise<void> {
  for (const queue of [QUEUES.dispatch, QUEUES.handle]) {
    await boss.updateQueue(queue, {
      name: queue,
      policy: "standard",
      ...eventQueueOptions(settings),
    });
  }
  for (const queue of [QUEUES.purge, QUEUES.workflowTimeouts]) {
    await boss.updateQueue(queue, {
      name: queue,
      policy: "standard",
      retryLimit: 2,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: settings.retryBackoff,
      expireInSeconds: Math.max(settings.jobTimeoutSeconds, 300),
    });
  }
}

/**
 * The transfer queue's settings: a job may run as long as a transfer may
 * (with a margin, so a live but slow one is not run twice at once), and is
 * retried twice: an export is simply made again, an import resumes.
 */
export async function applyTransferQueueSettings(
  boss: PgBoss,
  settings: QueueSettings,
  transfers: TransferSettings,
): Promise<void> {
  await boss.updateQueue(QUEUES.transfers, {
    name: QUEUES.transfers,
    policy: "standard",
    retryLimit: 2,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: settings.retryBackoff,
    expireInSeconds: Math.ceil(transfers.transactionTimeoutMs / 1000) + 60,
  });
  await boss.updateQueue(QUEUES.transferCleanup, {
    name: QUEUES.transferCleanup,
    policy: "standard",
    retryLimit: 2,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: settings.retryBackoff,
    expireInSeconds: Math.max(settings.jobTimeoutSeconds, 300),
  });
}
