/** Exports and imports: the requests, their live progress, the worker's run and the downloads. */
export { cancelTransfer } from "./cancel";
export { createDownloadLink, openTransferDownload, transferSettings } from "./download";
export { DownloadLinkSigner, TRANSFERS_PATH } from "./download-link";
export {
  importLimitsOf,
  readTransferEnv,
  transferEnvDocs,
  transferEnvShape,
  type TransferEnv,
} from "./env";
export { TransferCancelledError, transferNotFound } from "./errors";
export { requestExport } from "./export/request";
export * from "./import";
export { neutraliseFormula, looksLikeFormula } from "./export/formula";
export { csvRecord } from "./export/csv";
export {
  ZTransferIdInputSchema,
  ZTransferListInputSchema,
  type TransferIdInput,
  type TransferListInput,
} from "./input";
export { purgeExpiredExports } from "./cleanup";
export { liveTransfer, type LiveTransferOptions } from "./live";
export { notifyTransferChanged } from "./notify";
export { getTransfer, listTransfers } from "./read";
export { requestTransfer, type TransferRequest } from "./request";
export { withRequesterScope, type Requester, type RequesterScopeOptions } from "./requester";
export {
  runTransfer,
  type TransferAttempt,
  type TransferJob,
  type TransferOutcome,
  type TransferRow,
  type TransferRunDeps,
  type TransferRunner,
  type TransferRunResult,
  type TransferSettings,
} from "./run";
export { transferRunners } from "./runners";
export {
  toTransferView,
  transferSelect,
  ZTransferErrorSchema,
  ZTransferViewSchema,
  type TransferView,
} from "./view";
