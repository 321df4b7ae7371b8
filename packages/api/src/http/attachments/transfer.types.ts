import { Readable } from "node:stream";

import { z } from "zod";

import { ZAttachmentIdInputSchema, ZAttachmentViewSchema } from "@fastnext/core/workflows";

const ZStreamSchema = z.custom<Readable>((value) => value instanceof Readable, "a byte stream");

export const ZAttachmentTransferDownloadInputSchema = ZAttachmentIdInputSchema;

export const ZAttachmentTransferDownloadOutputSchema = z.object({
  attachment: ZAttachmentViewSchema,
  body: ZStreamSchema,
});
