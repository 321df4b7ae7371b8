export { IMPORT_FORMATS, type ImportCell, type ImportFormat, type ImportRow, type ImportTable } from "./cells";
export { importFileError, type ImportFileReason } from "./errors";
export { type ImportLimits } from "./limits";
export { checkMapping, suggestMapping } from "./mapping";
export { openImportFile } from "./read";
export { createRowChecker, type ImportCandidate, type RowCheck, type RowPlan } from "./rows";
