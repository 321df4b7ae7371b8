import { Readable } from "node:stream";

import { z } from "zod";

import {
  ZAttachmentIdInputSchema,
  ZAttachmentUploadInputSchema,
  ZAttachmentViewSchema,
} from "@fastnext/core/workflows";

const ZStreamSchema = z.custom<Readable>((value) => value instanceof Readable, "a byte stream");

/** An upload as the HTTP route hands it over: the fields from the headers and the body as a stream. */
export const ZAttachmentTransferUploadInputSchema = ZAttachmentUploadInputSchema.extend({
  body: ZStreamSchema,
});

export const ZAttachmentTransferDownloadInputSchema = ZAttachmentIdInputSchema;

export const ZAttachmentTransferDownloadOutputSchema = z.object({
  attachment: ZAttachmentViewSchema,
  body: ZStreamSchema,
});
