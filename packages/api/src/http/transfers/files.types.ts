import { Readable } from "node:stream";

import { z } from "zod";

import { ZTransferIdInputSchema } from "@fastnext/core/transfers";
import { ZTransferFormatSchema } from "@fastnext/validators";

const ZStreamSchema = z.custom<Readable>((value) => value instanceof Readable, "a byte stream");

export const ZTransferDownloadInputSchema = ZTransferIdInputSchema.extend({
  token: z.string().max(200).nullable(),
});

export const ZTransferDownloadOutputSchema = z.object({
  fileName: z.string(),
  byteSize: z.number().int().nonnegative().nullable(),
  format: ZTransferFormatSchema,
  contentType: z.string(),
  body: ZStreamSchema,
});
