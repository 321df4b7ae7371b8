import { randomUUID } from "node:crypto";

import { type Prisma } from "@fastnext/db";
import { emitEvent } from "@fastnext/events";
import {
  type TransferFormat,
  type TransferKind,
  type TransferResource,
} from "@fastnext/validators";

import { recordActivity } from "../activity";
import { type ServiceContext } from "../context";
import { toTransferView, transferSelect, type TransferView } from "./view";

export interface TransferRequest {
  kind: TransferKind;
  resource: TransferResource;
  format: TransferFormat;
  projectId: string | null;
  /** What the runner of this kind needs to know (filters, a column mapping …). */
  options?: Prisma.InputJsonObject;
  /** An import's uploaded file, already in storage. */
  storageKey?: string | null;
  fileName?: string | null;
  byteSize?: number | null;
  totalRows?: number | null;
  /** The id, when the caller needed it before the row (an upload's storage key is made from it). */
  id?: string;
}

/**
 * Queues an export or an import for the worker: the row (queued) and the
 * event that makes the worker run it commit together in the caller's
 * transaction, so a request that rolls back leaves no job behind. Who may
 * ask for what is decided by the caller before (the export and import
 * services); the insert policy holds it to the caller's own rows, in a
 * project they can open.
 */
export async function requestTransfer(
  ctx: ServiceContext,
  request: TransferRequest,
): Promise<TransferView> {
  const row = await ctx.db.dataTransfer.create({
    data: {
      id: request.id ?? randomUUID(),
      kind: request.kind,
      requestedBy: ctx.principal.userId,
      projectId: request.projectId,
      resource: request.resource,
      format: request.format,
      options: request.options ?? {},
      storageKey: request.storageKey ?? null,
      fileName: request.fileName ?? null,
      byteSize: request.byteSize ?? null,
      totalRows: request.totalRows ?? null,
    },
    select: transferSelect,
  });
  await emitEvent(ctx.db, "transfer.requested", { transferId: row.id });
  await recordActivity(ctx.db, ctx.actor, {
    action: "transfer.request",
    entityType: "data_transfer",
    entityId: row.id,
    after: {
      kind: request.kind,
      resource: request.resource,
      format: request.format,
      projectId: request.projectId,
    },
  });
  return toTransferView(row);
}
