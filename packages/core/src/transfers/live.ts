import { isTerminalTransferStatus } from "@fastnext/validators";

import { type Principal } from "../access/principal";
import { type CoreDeps } from "../deps";
import { AppError } from "../errors";
import { Doorbell, liveSessionReader } from "../notifications/live-stream";
import { transferNotFound } from "./errors";
import { toTransferView, transferSelect, type TransferView } from "./view";

export interface LiveTransferOptions {
  signal?: AbortSignal;
  /** Re-read this often without a wake-up: catches a missed one, re-checks the session. */
  recheckMs?: number;
}

/**
 * One of the caller's transfers as it moves: its current state first, then
 * each change the worker reports (woken through the process's notification
 * hub, topic `transfers`), ending after a final status. NOT_FOUND for a
 * transfer that is not the caller's. Polling `transfers.get` gives the same
 * views where a stream cannot be held open.
 */
export async function* liveTransfer(
  deps: CoreDeps,
  principal: Principal,
  requestId: string,
  transferId: string,
  options: LiveTransferOptions = {},
): AsyncGenerator<TransferView, void, undefined> {
  const hub = deps.notifications;
  if (!hub) {
    throw new AppError("PRECONDITION_FAILED", "Live progress is not available here", {
      reason: "live_notifications_unavailable",
    });
  }
  const doorbell = new Doorbell();
  const unsubscribe = await hub.subscribe(principal.userId, () => doorbell.ring(), "transfers");
  const read = liveSessionReader(deps, principal, requestId);
  try {
    let last: string | null = null;
    while (!options.signal?.aborted) {
      const row = await read((tx) =>
        tx.dataTransfer.findUnique({
          where: { id: transferId, requestedBy: principal.userId },
          select: transferSelect,
        }),
      );
      if (!row) throw transferNotFound();
      const view = toTransferView(row);
      const fingerprint = `${view.status}:${view.processedRows}:${view.totalRows}`;
      if (fingerprint !== last) {
        last = fingerprint;
        yield view;
      }
      if (isTerminalTransferStatus(view.status)) return;
      await doorbell.wait(options.recheckMs ?? 5_000, options.signal);
    }
  } finally {
    unsubscribe();
  }
}
