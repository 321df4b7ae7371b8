/** Imports of workflow items from CSV, XLSX, JSON and NDJSON files. */
export { importRunner } from "./runner";
export { dryRunImport } from "./dry-run";
export { requestImport } from "./apply";
export { getImportMapping } from "./mappings";
export { authorizeImportUpload, storeImportUpload } from "./upload";
export {
  IMPORT_FORMATS,
  type ImportCell,
  type ImportFormat,
  type ImportRow,
  type ImportTable,
} from "./cells";
export { importFileError, type ImportFileReason } from "./errors";
export {
  ZImportMappingInputSchema,
  ZImportRunInputSchema,
  ZImportUploadInputSchema,
  ZImportUploadTargetSchema,
  type ImportMappingInput,
  type ImportRunInput,
  type ImportUploadInput,
  type ImportUploadTarget,
} from "./input";
export { importUploadKey } from "./keys";
export { type ImportLimits } from "./limits";
export { checkMapping } from "./mapping";
export { openImportFile } from "./read";
export { createRowChecker, type ImportCandidate, type RowCheck, type RowPlan } from "./rows";
export {
  ZImportMappingViewSchema,
  ZImportReportSchema,
  ZImportUploadViewSchema,
  type ImportMappingView,
  type ImportReport,
  type ImportUploadView,
} from "./view";
