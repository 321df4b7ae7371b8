/**
 * One cell as a reader found it. Text and JSON files give scalars;
 * spreadsheets also give dates, formulas and error values, which are kept
 * apart so the row check can refuse them with a clear message instead of
 * storing something the person never typed.
 */
export type ImportCell =
  | string
  | number
  | boolean
  | null
  | { kind: "date"; value: Date }
  | { kind: "formula"; formula: string }
  | { kind: "error"; text: string }
  | { kind: "nested" };

/** The file formats an import reads. */
export const IMPORT_FORMATS = ["csv", "xlsx", "json", "ndjson"] as const;

export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * One data row: its number as the person sees it (the spreadsheet row,
 * counting the header as row 1; the line of an NDJSON file; the position
 * of a JSON array's object) and its cells by column name.
 */
export interface ImportRow {
  number: number;
  cells: ReadonlyMap<string, ImportCell>;
  /** What the reader could not fit to a column (more cells than the header has). */
  problems: readonly string[];
}

/** A file opened for reading: the columns of its header, then its rows, streamed. */
export interface ImportTable {
  format: ImportFormat;
  columns: readonly string[];
  /**
   * Whether `columns` is every column a row can have. A header row says so;
   * JSON objects do not: the first one's keys are the columns, and a later
   * object may carry a key the first one left out.
   */
  columnsComplete: boolean;
  rows: AsyncIterable<ImportRow>;
}
