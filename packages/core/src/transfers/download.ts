import { type Readable } from "node:stream";

import { ObjectNotFoundError } from "@fastnext/storage";
import { ZTransferFormatSchema, type TransferFormat } from "@fastnext/validators";

import { type ServiceContext } from "../context";
import { type CoreDeps, type TransferServiceSettings } from "../deps";
import { AppError } from "../errors";
import { transferNotFound } from "./errors";
import { CONTENT_TYPES } from "./export/writers";
import { isDownloadable, transferSelect, type TransferRecord } from "./view";

export function transferSettings(deps: CoreDeps): TransferServiceSettings {
  if (!deps.transfers) throw new Error("transfer storage is not configured in this process");
  return deps.transfers;
}

async function ownExport(ctx: ServiceContext, id: string): Promise<TransferRecord> {
  const row = await ctx.db.dataTransfer.findUnique({
    where: { id, requestedBy: ctx.principal.userId },
    select: transferSelect,
  });
  if (!row || row.kind !== "export") throw transferNotFound();
  if (row.status === "succeeded" && row.expiresAt !== null && row.expiresAt <= new Date()) {
    throw new AppError("PRECONDITION_FAILED", "This export has expired: export again", {
      reason: "export_expired",
    });
  }
  if (!isDownloadable(row)) {
    throw new AppError("PRECONDITION_FAILED", "This export has no file to download yet", {
      reason: "export_not_ready",
      details: { status: row.status },
    });
  }
  return row;
}

/**
 * A signed link to download one of the caller's finished exports, valid
 * for TRANSFER_LINK_TTL_SECONDS (never past the file's own expiry).
 */
export async function createDownloadLink(
  ctx: ServiceContext,
  id: string,
): Promise<{ url: string; expiresAt: Date }> {
  const settings = transferSettings(ctx.deps);
  const row = await ownExport(ctx, id);
  const ttl = new Date(Date.now() + settings.linkTtlSeconds * 1000);
  const expiresAt = row.expiresAt && row.expiresAt < ttl ? row.expiresAt : ttl;
  return { url: settings.links.path(id, expiresAt), expiresAt };
}

/**
 * The file behind a download link: the link's signature and expiry, then
 * the row (the caller's own only: RLS), then the bytes. A link for
 * someone else's export is NOT_FOUND, like a made-up one.
 */
export async function openTransferDownload(
  ctx: ServiceContext,
  id: string,
  token: string | null,
): Promise<{
  fileName: string;
  byteSize: number | null;
  format: TransferFormat;
  contentType: string;
  body: Readable;
}> {
  const settings = transferSettings(ctx.deps);
  settings.links.check(id, token);
  const row = await ownExport(ctx, id);
  const format = ZTransferFormatSchema.parse(row.format);
  try {
    return {
      fileName: row.fileName ?? `${row.resource}.${row.format}`,
      byteSize: row.byteSize,
      format,
      contentType: CONTENT_TYPES[format],
      body: await settings.storage.get(row.storageKey ?? ""),
    };
  } catch (error) {
    if (error instanceof ObjectNotFoundError) throw transferNotFound();
    throw error;
  }
}
