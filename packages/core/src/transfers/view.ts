import { z } from "zod";

import {
  ZTransferFormatSchema,
  ZTransferKindSchema,
  ZTransferResourceSchema,
  ZTransferStatusSchema,
} from "@fastnext/validators";

/** Why a transfer failed, as the worker recorded it. */
export const ZTransferErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  reason: z.string().optional(),
});

export type TransferError = z.infer<typeof ZTransferErrorSchema>;

/** A transfer as its requester sees it. The storage key never leaves the server. */
export const ZTransferViewSchema = z.object({
  id: z.uuid(),
  kind: ZTransferKindSchema,
  resource: ZTransferResourceSchema,
  format: ZTransferFormatSchema,
  projectId: z.uuid().nullable(),
  status: ZTransferStatusSchema,
  processedRows: z.number().int().nonnegative(),
  totalRows: z.number().int().nonnegative().nullable(),
  fileName: z.string().nullable(),
  byteSize: z.number().int().nonnegative().nullable(),
  /** Per kind: what an import did (counts, row problems); null until it is known. */
  result: z.record(z.string(), z.unknown()).nullable(),
  error: ZTransferErrorSchema.nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  /** A succeeded export whose file is still kept: `transfers.downloadLink` gives its link. */
  downloadable: z.boolean(),
});

export type TransferView = z.infer<typeof ZTransferViewSchema>;

export const transferSelect = {
  id: true,
  kind: true,
  resource: true,
  format: true,
  projectId: true,
  status: true,
  processedRows: true,
  totalRows: true,
  storageKey: true,
  fileName: true,
  byteSize: true,
  result: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  expiresAt: true,
} as const;

/** A row as `transferSelect` reads it. */
export interface TransferRecord {
  id: string;
  kind: string;
  resource: string;
  format: string;
  projectId: string | null;
  status: string;
  processedRows: number;
  totalRows: number | null;
  storageKey: string | null;
  fileName: string | null;
  byteSize: number | null;
  result: unknown;
  error: unknown;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  expiresAt: Date | null;
}

const ZResultSchema = z.record(z.string(), z.unknown());

export function isDownloadable(row: TransferRecord, now: Date = new Date()): boolean {
  return (
    row.kind === "export" &&
    row.status === "succeeded" &&
    row.storageKey !== null &&
    (row.expiresAt === null || row.expiresAt > now)
  );
}

export function toTransferView(row: TransferRecord, now: Date = new Date()): TransferView {
  const result = ZResultSchema.safeParse(row.result);
  const error = ZTransferErrorSchema.safeParse(row.error);
  return {
    id: row.id,
    kind: ZTransferKindSchema.parse(row.kind),
    resource: ZTransferResourceSchema.parse(row.resource),
    format: ZTransferFormatSchema.parse(row.format),
    projectId: row.projectId,
    status: ZTransferStatusSchema.parse(row.status),
    processedRows: row.processedRows,
    totalRows: row.totalRows,
    fileName: row.fileName,
    byteSize: row.byteSize,
    result: result.success ? result.data : null,
    error: error.success ? error.data : null,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    expiresAt: row.expiresAt,
    downloadable: isDownloadable(row, now),
  };
}
