import { inTransaction, QUEUES, queueClient, type TransferJob } from "@fastnext/events";

import { derivedUuid } from "../queue/job-id";
import { transactionHandler, type Handler } from "./types";

/**
 * A requested export or import becomes one job of the transfer queue, in
 * the handler's transaction (so with its completion record). The job id is
 * derived from the transfer, so a repeated handler queues nothing new; a
 * transfer cancelled before this runs is not queued at all.
 */
export const transferHandlers: readonly Handler[] = [
  transactionHandler({
    name: "transfers.enqueue",
    event: "transfer.requested",
    async apply(tx, event) {
      const transfer = await tx.dataTransfer.findUnique({
        where: { id: event.payload.transferId },
        select: { id: true, status: true },
      });
      if (transfer?.status !== "queued") return;
      await queueClient.send(QUEUES.transfers, { transferId: transfer.id } satisfies TransferJob, {
        id: derivedUuid("transfer", transfer.id),
        db: inTransaction(tx),
      });
    },
  }),
];
