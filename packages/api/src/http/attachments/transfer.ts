import { serviceContext } from "@fastnext/core";
import {
  authorizeUpload,
  openAttachment,
  recordUpload,
  ZAttachmentUploadInputSchema,
  ZAttachmentViewSchema,
  ZStoredUploadSchema,
  ZUploadTargetSchema,
} from "@fastnext/core/workflows";

import { authedProcedure, createCallerFactory, router } from "../../trpc/procedures";
import {
  ZAttachmentTransferDownloadInputSchema,
  ZAttachmentTransferDownloadOutputSchema,
} from "./transfer.types";

/**
 * The calls around moving a file's bytes. They are procedures on the same
 * builder as every other (so the caller is signed in, rate-limited and
 * scoped by RLS exactly alike) but in a router of their own, called only
 * by the HTTP routes in `./handler.ts`: bytes do not travel as JSON, so
 * neither the tRPC endpoint nor the REST surface offers them. An upload is
 * `authorize`, then the bytes to storage outside any transaction, then
 * `record`.
 */
export const transferRouter = router({
  authorize: authedProcedure
    .input(ZAttachmentUploadInputSchema)
    .output(ZUploadTargetSchema)
    .query(({ ctx, input }) => authorizeUpload(serviceContext(ctx), input)),
  record: authedProcedure
    .input(ZStoredUploadSchema)
    .output(ZAttachmentViewSchema)
    .mutation(({ ctx, input }) => recordUpload(serviceContext(ctx), input)),
  download: authedProcedure
    .input(ZAttachmentTransferDownloadInputSchema)
    .output(ZAttachmentTransferDownloadOutputSchema)
    .query(({ ctx, input }) => openAttachment(serviceContext(ctx), input.attachmentId)),
});

export const createTransferCaller = createCallerFactory(transferRouter);
