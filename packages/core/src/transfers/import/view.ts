import { z } from "zod";

import { ZImportMappingSchema } from "@fastnext/validators";

import { IMPORT_FORMATS } from "./cells";

/** A stored upload: what the wizard maps next. */
export const ZImportUploadViewSchema = z.object({
  uploadId: z.uuid(),
  fileName: z.string(),
  format: z.enum(IMPORT_FORMATS),
  byteSize: z.number().int(),
  columns: z.array(z.string()),
});

/** One row's problems, by field (`title`, `data.<key>`, `state`, `assignee`, `externalKey`, `row`). */
export const ZImportRowProblemSchema = z.object({
  row: z.number().int(),
  errors: z.record(z.string(), z.array(z.string())),
});

/**
 * What an import did, or (dry run) would do: rows read, items it creates,
 * rows whose item an earlier import made (unchanged), rows refused with
 * their problems. The list is bounded (`problemsTruncated` then says the
 * counts go on past it); the counts are of every row.
 */
export const ZImportReportSchema = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  unchanged: z.number().int(),
  invalid: z.number().int(),
  problems: z.array(ZImportRowProblemSchema),
  problemsTruncated: z.boolean(),
});

/** The mapping to start from: the one remembered for the template, or none yet. */
export const ZImportMappingViewSchema = z.object({
  templateKey: z.string(),
  mapping: ZImportMappingSchema.nullable(),
  updatedAt: z.date().nullable(),
});

export type ImportUploadView = z.infer<typeof ZImportUploadViewSchema>;
export type ImportRowProblem = z.infer<typeof ZImportRowProblemSchema>;
export type ImportReport = z.infer<typeof ZImportReportSchema>;
export type ImportMappingView = z.infer<typeof ZImportMappingViewSchema>;
