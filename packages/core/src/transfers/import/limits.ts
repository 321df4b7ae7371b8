/**
 * How much one import may hold. The file and its rows are streamed, so
 * memory does not grow with the file; these bound what one upload may ask
 * of the database and of a reviewer reading the dry-run report.
 */
export interface ImportLimits {
  /** The largest file accepted, in bytes. */
  maxFileBytes: number;
  /** The largest single row (a CSV record, a JSON object, an XLSX row's cell text), in bytes. */
  maxRowBytes: number;
  /** The most data rows one file may have (the header is not counted). */
  maxRows: number;
}
