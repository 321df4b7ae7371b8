import { serviceContext } from "@fastnext/core";
import {
  authorizeImportUpload,
  openTransferDownload,
  ZImportUploadInputSchema,
  ZImportUploadTargetSchema,
} from "@fastnext/core/transfers";

import { authedProcedure, createCallerFactory, router } from "../../trpc/procedures";
import { ZTransferDownloadInputSchema, ZTransferDownloadOutputSchema } from "./files.types";

/**
 * The calls behind the transfer file routes (`./handler.ts`): procedures on
 * the same builder as every other, so the caller is signed in,
 * rate-limited and scoped by RLS alike, in a router of their own because
 * bytes do not travel as JSON. An import's upload is `authorizeImport`,
 * then the bytes to storage outside any transaction.
 */
export const transferFilesRouter = router({
  download: authedProcedure
    .input(ZTransferDownloadInputSchema)
    .output(ZTransferDownloadOutputSchema)
    .query(({ ctx, input }) => openTransferDownload(serviceContext(ctx), input.id, input.token)),
  authorizeImport: authedProcedure
    .input(ZImportUploadInputSchema)
    .output(ZImportUploadTargetSchema)
    .query(({ ctx, input }) => authorizeImportUpload(serviceContext(ctx), input)),
});

export const createTransferFilesCaller = createCallerFactory(transferFilesRouter);
