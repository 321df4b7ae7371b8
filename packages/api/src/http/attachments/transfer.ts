import { serviceContext } from "@fastnext/core";
import { openAttachment, uploadAttachment, ZAttachmentViewSchema } from "@fastnext/core/workflows";

import { authedProcedure, createCallerFactory, router } from "../../trpc/procedures";
import {
  ZAttachmentTransferDownloadInputSchema,
  ZAttachmentTransferDownloadOutputSchema,
  ZAttachmentTransferUploadInputSchema,
} from "./transfer.types";

/**
 * The two calls that move a file's bytes. They are procedures on the same
 * builder as every other (so the caller is signed in, rate-limited and
 * scoped by RLS exactly alike) but in a router of their own, called only
 * by the HTTP routes in `./handler.ts`: bytes do not travel as JSON, so
 * neither the tRPC endpoint nor the REST surface offers them.
 */
export const transferRouter = router({
  upload: authedProcedure
    .input(ZAttachmentTransferUploadInputSchema)
    .output(ZAttachmentViewSchema)
    .mutation(({ ctx, input }) => {
      const { body, ...fields } = input;
      return uploadAttachment(serviceContext(ctx), fields, body);
    }),
  download: authedProcedure
    .input(ZAttachmentTransferDownloadInputSchema)
    .output(ZAttachmentTransferDownloadOutputSchema)
    .query(({ ctx, input }) => openAttachment(serviceContext(ctx), input.attachmentId)),
});

export const createTransferCaller = createCallerFactory(transferRouter);
