import { z } from "zod";

export const ZAttachmentViewSchema = z.object({
  id: z.uuid(),
  instanceId: z.uuid(),
  projectId: z.uuid(),
  uploaderId: z.uuid(),
  fileName: z.string(),
  /** Decided from the file's bytes when it was uploaded. */
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  createdAt: z.date(),
});

export type AttachmentView = z.infer<typeof ZAttachmentViewSchema>;

/** Where an authorised upload goes, with the checked name and declared size. */
export const ZUploadTargetSchema = z.object({
  instanceId: z.uuid(),
  projectId: z.uuid(),
  fileName: z.string(),
  declaredBytes: z.number().int().nonnegative().nullable(),
});

export type UploadTarget = z.infer<typeof ZUploadTargetSchema>;

export const attachmentSelect = {
  id: true,
  instanceId: true,
  projectId: true,
  uploaderId: true,
  fileName: true,
  contentType: true,
  size: true,
  createdAt: true,
} as const;

export function toAttachmentView(row: AttachmentView): AttachmentView {
  return {
    id: row.id,
    instanceId: row.instanceId,
    projectId: row.projectId,
    uploaderId: row.uploaderId,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    createdAt: row.createdAt,
  };
}
