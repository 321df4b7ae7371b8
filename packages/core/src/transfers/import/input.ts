import { z } from "zod";

import { ZImportMappingSchema, ZTextSchema, ZWorkflowKeySchema } from "@fastnext/validators";

/** An upload about to be streamed in: the project, the file's name, its declared size. */
export const ZImportUploadInputSchema = z.object({
  projectId: z.uuid(),
  fileName: ZTextSchema.trim().min(1).max(255),
  declaredBytes: z.number().int().min(0).nullable(),
});

/** What the upload route got permission for, before any byte is stored. */
export const ZImportUploadTargetSchema = z.object({
  projectId: z.uuid(),
  userId: z.uuid(),
  uploadId: z.uuid(),
  fileName: z.string().min(1),
});

/** A stored upload and what to do with it: which template, by which columns. */
export const ZImportRunInputSchema = z.object({
  projectId: z.uuid(),
  uploadId: z.uuid(),
  fileName: ZTextSchema.trim().min(1).max(255),
  /** The newest published version of this key gets the items. */
  templateKey: ZWorkflowKeySchema,
  mapping: ZImportMappingSchema,
});

/** The mapping a project remembers for a template. */
export const ZImportMappingInputSchema = z.object({
  projectId: z.uuid(),
  templateKey: ZWorkflowKeySchema,
});

/** What an import transfer carries to the worker (its row's options). */
export const ZImportOptionsSchema = z.object({
  templateKey: ZWorkflowKeySchema,
  mapping: ZImportMappingSchema,
});

export type ImportUploadInput = z.infer<typeof ZImportUploadInputSchema>;
export type ImportUploadTarget = z.infer<typeof ZImportUploadTargetSchema>;
export type ImportRunInput = z.infer<typeof ZImportRunInputSchema>;
export type ImportMappingInput = z.infer<typeof ZImportMappingInputSchema>;
export type ImportOptions = z.infer<typeof ZImportOptionsSchema>;
