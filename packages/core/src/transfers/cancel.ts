import { recordActivity } from "../activity";
import { type ServiceContext } from "../context";
import { AppError } from "../errors";
import { transferNotFound } from "./errors";
import { notifyTransferChanged } from "./notify";
import { toTransferView, transferSelect, type TransferView } from "./view";

/**
 * Stops one of the caller's transfers that has not finished. A queued one
 * never starts; a running one stops at its next progress report (the
 * worker checks the status there) and keeps nothing it was writing.
 */
export async function cancelTransfer(ctx: ServiceContext, id: string): Promise<TransferView> {
  const now = new Date();
  const { count } = await ctx.db.dataTransfer.updateMany({
    where: { id, requestedBy: ctx.principal.userId, status: { in: ["queued", "running"] } },
    data: { status: "cancelled", finishedAt: now, updatedAt: now },
  });
  const row = await ctx.db.dataTransfer.findUnique({
    where: { id, requestedBy: ctx.principal.userId },
    select: transferSelect,
  });
  if (!row) throw transferNotFound();
  if (count === 0) {
    throw new AppError("CONFLICT", "This export or import has already finished", {
      reason: "transfer_finished",
      details: { status: row.status },
    });
  }
  await recordActivity(ctx.db, ctx.actor, {
    action: "transfer.cancel",
    entityType: "data_transfer",
    entityId: id,
  });
  await notifyTransferChanged(ctx.db, ctx.principal.userId);
  return toTransferView(row);
}
