import { Prisma, type PrismaClient, type ScopedDb } from "@fastnext/db";
import { NOTIFICATION_CHANNEL, notificationPayload } from "@fastnext/events";
import { type Logger } from "@fastnext/logger";
import { type ObjectStorage } from "@fastnext/storage";
import { type TransferKind } from "@fastnext/validators";

import { AppError } from "../errors";
import { TransferCancelledError } from "./errors";
import { type ImportLimits } from "./import/limits";
import { notifyTransferChanged } from "./notify";
import { withRequesterScope, type Requester, type RequesterScopeOptions } from "./requester";
import { transferSelect, type TransferRecord } from "./view";

/** A transfer row as a runner gets it: the view's columns plus who asked and with what options. */
export interface TransferRow extends TransferRecord {
  requestedBy: string;
  options: unknown;
}

/** What a runner gives back when it finished; the run records it on the row. */
export interface TransferOutcome {
  result?: Prisma.InputJsonObject;
  storageKey?: string;
  fileName?: string;
  byteSize?: number;
  /** The stored file is removed then (exports). */
  expiresAt?: Date;
  processedRows?: number;
  totalRows?: number;
}

export interface TransferJob {
  transfer: TransferRow;
  /** Work under the requester's RLS scope and current permissions (see withRequesterScope). */
  asRequester<T>(
    work: (tx: ScopedDb, requester: Requester) => Promise<T>,
    options?: RequesterScopeOptions,
  ): Promise<T>;
  /**
   * Records how far the run got and wakes the requester's live streams, at
   * most every `progressEveryRows` rows or `progressEveryMs`; call it per
   * row or per batch. Throws TransferCancelledError once the requester
   * cancelled: the runner stops there and keeps nothing.
   */
  progress(processedRows: number, totalRows?: number | null): Promise<void>;
  storage: ObjectStorage;
  settings: TransferSettings;
  log: Logger;
}

export interface TransferRunner {
  run(job: TransferJob): Promise<TransferOutcome>;
}

export interface TransferSettings {
  /** Progress is written at most this often in rows … */
  progressEveryRows: number;
  /** … or in time, whichever comes first. */
  progressEveryMs: number;
  /** How long an export's file is kept (and its link works at most). */
  exportRetentionSeconds: number;
  /** The largest file an export may write. */
  exportMaxBytes: number;
  /** How large an import's file and rows may be. */
  importLimits: ImportLimits;
  /** Longest one transfer's transaction may stay open. */
  transactionTimeoutMs: number;
}

export interface TransferRunDeps {
  /** The worker's system login: the row's bookkeeping. */
  system: PrismaClient;
  /** The application role's pool: the requester's own work, under RLS. */
  pool: PrismaClient;
  storage: ObjectStorage;
  settings: TransferSettings;
  runners: Readonly<Record<TransferKind, TransferRunner | undefined>>;
  log: Logger;
}

/** Which try of the queue's job this is, so the last one records a failure instead of retrying. */
export interface TransferAttempt {
  retryCount: number;
  retryLimit: number;
}

export type TransferRunResult = "succeeded" | "failed" | "cancelled" | "skipped";

function jsonError(error: AppError | { code: string; message: string }): Prisma.InputJsonObject {
  const reason = error instanceof AppError ? error.reason : undefined;
  return { code: error.code, message: error.message, ...(reason ? { reason } : {}) };
}

/**
 * Runs one transfer job: marks the row running, hands it to the runner of
 * its kind and records how it ended, waking the requester's live streams
 * at each step. A job that finds its row finished (a repeated job, a
 * cancelled request) does nothing. An AppError is the transfer's own
 * failure and recorded at once; anything else is retried by the queue,
 * and recorded as a failure on the last try.
 */
export async function runTransfer(
  deps: TransferRunDeps,
  transferId: string,
  attempt: TransferAttempt,
): Promise<TransferRunResult> {
  const { system } = deps;
  const claimed = await system.dataTransfer.updateManyAndReturn({
    where: { id: transferId, status: { in: ["queued", "running"] } },
    data: { status: "running", startedAt: new Date(), updatedAt: new Date(), error: Prisma.DbNull },
    select: { ...transferSelect, requestedBy: true, options: true },
  });
  const transfer = claimed[0];
  if (!transfer) return "skipped";
  await notifyTransferChanged(system, transfer.requestedBy);
  const log = deps.log.child({ transferId, kind: transfer.kind, resource: transfer.resource });
  const runner = deps.runners[transfer.kind];
  const finish = async (data: Prisma.DataTransferUpdateManyMutationInput) => {
    const { count } = await system.dataTransfer.updateMany({
      where: { id: transferId, status: "running" },
      data: { ...data, finishedAt: new Date(), updatedAt: new Date() },
    });
    await notifyTransferChanged(system, transfer.requestedBy);
    return count > 0;
  };
  if (!runner) {
    await finish({
      status: "failed",
      error: { code: "PRECONDITION_FAILED", message: `This server cannot run ${transfer.kind}s` },
    });
    return "failed";
  }
  const job: TransferJob = {
    transfer,
    asRequester: (work, options) =>
      withRequesterScope(deps.pool, transfer.requestedBy, `transfer:${transferId}`, work, {
        timeoutMs: deps.settings.transactionTimeoutMs,
        ...options,
      }),
    progress: progressReporter(system, transfer, deps.settings),
    storage: deps.storage,
    settings: deps.settings,
    log,
  };
  try {
    const outcome = await runner.run(job);
    const recorded = await finish({
      status: "succeeded",
      result: outcome.result,
      storageKey: outcome.storageKey,
      fileName: outcome.fileName,
      byteSize: outcome.byteSize,
      expiresAt: outcome.expiresAt,
      ...(outcome.processedRows !== undefined ? { processedRows: outcome.processedRows } : {}),
      ...(outcome.totalRows !== undefined ? { totalRows: outcome.totalRows } : {}),
    });
    if (!recorded) {
      // Cancelled in the last stretch: what was made is not kept.
      if (outcome.storageKey && outcome.storageKey !== transfer.storageKey)
        await deps.storage.delete(outcome.storageKey);
      return "cancelled";
    }
    log.info({ rows: outcome.processedRows, bytes: outcome.byteSize }, "transfer succeeded");
    return "succeeded";
  } catch (error) {
    if (error instanceof TransferCancelledError) return "cancelled";
    if (error instanceof AppError) {
      await finish({ status: "failed", error: jsonError(error) });
      log.info({ code: error.code, reason: error.reason }, "transfer failed");
      return "failed";
    }
    if (attempt.retryCount < attempt.retryLimit) throw error;
    log.error({ err: error }, "transfer failed on its last try");
    await finish({
      status: "failed",
      error: { code: "INTERNAL", message: "The transfer could not be completed" },
    });
    return "failed";
  }
}

function progressReporter(
  system: PrismaClient,
  transfer: TransferRow,
  settings: TransferSettings,
): TransferJob["progress"] {
  let reportedRows = -1;
  let reportedAt = 0;
  return async (processedRows, totalRows) => {
    const now = Date.now();
    if (
      reportedRows >= 0 &&
      processedRows - reportedRows < settings.progressEveryRows &&
      now - reportedAt < settings.progressEveryMs
    )
      return;
    reportedRows = processedRows;
    reportedAt = now;
    // One statement: the row moves and the requester's streams are woken, or
    // nothing happens because the requester cancelled.
    const rows = await system.$queryRaw<{ id: string }[]>`
      WITH moved AS (
        UPDATE data_transfers
           SET processed_rows = ${processedRows}, total_rows = COALESCE(${totalRows ?? null}::int, total_rows),
               updated_at = now()
         WHERE id = ${transfer.id}::uuid AND status = 'running'
        RETURNING id, requested_by)
      SELECT id::text AS id, pg_notify(${NOTIFICATION_CHANNEL}, ${notificationPayload("transfers", transfer.requestedBy)})::text AS notified
        FROM moved`;
    if (rows.length === 0) throw new TransferCancelledError(transfer.id);
  };
}
