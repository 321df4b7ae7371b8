import { z } from "zod";

import { ZPageInputSchema } from "../../pagination/pagination";

/**
 * A file's name as shown and offered on download: what follows the last
 * slash or backslash of what the client sent, without control characters,
 * at most 255 characters. It never becomes part of a storage key.
 */
export const ZAttachmentFileNameSchema = z
  .string()
  .transform((name) =>
    (name.split(/[/\\]/).pop() ?? "")
      .replace(/[\u0000-\u001f\u007f]/g, "")
      .trim()
      .normalize("NFC"),
  )
  .pipe(
    z
      .string()
      .min(1, "A file needs a name")
      .max(255, "A file name has at most 255 characters")
      .refine((name) => name !== "." && name !== "..", "Not a file name"),
  );

export const ZAttachmentUploadInputSchema = z.object({
  instanceId: z.uuid(),
  fileName: ZAttachmentFileNameSchema,
  /** The declared length of the body, when the client sent one: larger than the limit is refused unread. */
  declaredBytes: z.number().int().nonnegative().nullable(),
});

export type AttachmentUploadInput = z.infer<typeof ZAttachmentUploadInputSchema>;

/** A file now in storage, to be recorded on its instance (what `storeUpload` returns). */
export const ZStoredUploadSchema = z.object({
  attachmentId: z.uuid(),
  instanceId: z.uuid(),
  projectId: z.uuid(),
  fileName: ZAttachmentFileNameSchema,
  contentType: z.string().min(1).max(200),
  size: z.number().int().nonnegative(),
});

export type StoredUpload = z.infer<typeof ZStoredUploadSchema>;

export const ZAttachmentIdInputSchema = z.object({ attachmentId: z.uuid() });

export const ZAttachmentListInputSchema = ZPageInputSchema.extend({ instanceId: z.uuid() });

export type AttachmentListInput = z.infer<typeof ZAttachmentListInputSchema>;
