import { z } from "zod";

/** Which way the rows go: out of the product into a file, or from a file into it. */
export const ZTransferKindSchema = z.enum(["export", "import"]);
export type TransferKind = z.infer<typeof ZTransferKindSchema>;

export const ZTransferStatusSchema = z.enum([
  "queued",
  "running",
  "succeeded",
  "failed",
  "cancelled",
]);
export type TransferStatus = z.infer<typeof ZTransferStatusSchema>;

/** A transfer in one of these statuses never moves again. */
export const TERMINAL_TRANSFER_STATUSES: readonly TransferStatus[] = [
  "succeeded",
  "failed",
  "cancelled",
];

export function isTerminalTransferStatus(status: TransferStatus): boolean {
  return TERMINAL_TRANSFER_STATUSES.includes(status);
}

/**
 * File formats: CSV, NDJSON (one JSON object a line), a JSON array of
 * objects, and an Excel workbook.
 */
export const ZTransferFormatSchema = z.enum(["csv", "ndjson", "json", "xlsx"]);
export type TransferFormat = z.infer<typeof ZTransferFormatSchema>;

/** What can be exported. Users are for administrators only. */
export const ZExportResourceSchema = z.enum([
  "projects",
  "workflow_instances",
  "activities",
  "users",
]);
export type ExportResource = z.infer<typeof ZExportResourceSchema>;

/** What can be imported. Users are for administrators only. */
export const ZImportResourceSchema = z.enum(["workflow_instances", "users"]);
export type ImportResource = z.infer<typeof ZImportResourceSchema>;

/** Every resource a transfer row may name, either way. */
export const ZTransferResourceSchema = z.union([ZExportResourceSchema, ZImportResourceSchema]);
export type TransferResource = z.infer<typeof ZTransferResourceSchema>;

/** Asking for an export: what, in which format, and (for a project's items) which project. */
export const ZExportRequestInputSchema = z
  .object({
    resource: ZExportResourceSchema,
    format: ZTransferFormatSchema,
    projectId: z.uuid().nullish(),
  })
  .superRefine((input, ctx) => {
    if (input.resource === "workflow_instances" && !input.projectId) {
      ctx.addIssue({
        code: "custom",
        path: ["projectId"],
        message: "Choose the project whose items to export",
      });
    }
  });
export type ExportRequestInput = z.infer<typeof ZExportRequestInputSchema>;
