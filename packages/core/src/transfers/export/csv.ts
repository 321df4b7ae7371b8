import { type ExportCell } from "./cells";

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function field(cell: ExportCell): string {
  if (cell === null) return "";
  const text = cell instanceof Date ? cell.toISOString() : String(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One CSV record (RFC 4180): fields separated by commas, quoted when they
 * hold a comma, a quote, a line break or edge spaces (quotes doubled),
 * ended by CRLF. Cells are already neutralised (toCell).
 */
export function csvRecord(cells: readonly ExportCell[]): string {
  return `${cells.map(field).join(",")}\r\n`;
}

/** Written first so spreadsheet programs read the file as UTF-8. */
export const UTF8_BOM = "\uFEFF";
