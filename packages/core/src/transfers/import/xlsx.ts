import { Readable } from "node:stream";

import ExcelJS from "exceljs";

import { AppError } from "../../errors";
import { type ImportCell, type ImportRow, type ImportTable } from "./cells";
import { importFileError, importRowFileError } from "./errors";
import { checkHeader } from "./header";
import { type ImportLimits } from "./limits";

/**
 * A spreadsheet cell as an import cell. Rich text is its text; a date
 * formatted cell is a date; a formula (with or without a cached result)
 * and an error value are kept as such, for the row check to refuse: a
 * cached result may be stale or missing, and a person reviewing the dry
 * run should see the values that will be stored, not ones a spreadsheet
 * would have computed.
 */
function cellOf(value: ExcelJS.CellValue): ImportCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  if (value instanceof Date) return { kind: "date", value };
  if ("formula" in value || "sharedFormula" in value) {
    return { kind: "formula", formula: "formula" in value ? (value.formula ?? "") : "" };
  }
  if ("error" in value) return { kind: "error", text: value.error };
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("text" in value) return typeof value.text === "string" ? value.text : null;
  return null;
}

function lengthOf(cell: ImportCell): number {
  if (cell === null) return 0;
  if (typeof cell !== "object") return String(cell).length;
  return cell.kind === "formula" ? cell.formula.length : 16;
}

/** A row's cells by column number. */
function cellsOf(row: ExcelJS.Row): Map<number, ImportCell> {
  const cells = new Map<number, ImportCell>();
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    cells.set(column, cellOf(cell.value));
  });
  return cells;
}

function headerName(cell: ImportCell): string {
  if (cell === null) return "";
  if (typeof cell !== "object") return String(cell);
  throw importFileError(
    "import_header_invalid",
    "The header row must hold names, not formulas or errors",
  );
}

/**
 * Reads the first worksheet of an XLSX file as rows, streamed with
 * exceljs's WorkbookReader: rows are read as the sheet's XML is inflated,
 * never the whole sheet at once. The shared-string table is cached (the
 * format keeps every text cell's text there, apart from the sheet), which
 * is the one part that grows with the file.
 */
export async function readXlsx(
  bytes: AsyncIterable<Uint8Array>,
  limits: ImportLimits,
): Promise<ImportTable> {
  const input = Readable.from(bytes, { objectMode: false });
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  // The size limit's refusal passes through; anything the zip or XML reader throws is a damaged file.
  const malformed = (error: unknown) =>
    error instanceof AppError
      ? error
      : importFileError("import_malformed", "The spreadsheet cannot be read: the file is damaged");

  async function* sheetRows(): AsyncGenerator<ExcelJS.Row> {
    for await (const sheet of workbook) {
      for await (const row of sheet) yield row;
      // The first worksheet is the table; the others are not read.
      return;
    }
  }
  const source = sheetRows();
  const next = async (): Promise<IteratorResult<ExcelJS.Row>> => {
    try {
      return await source.next();
    } catch (error) {
      input.destroy();
      throw malformed(error);
    }
  };

  let first = await next();
  while (!first.done && cellsOf(first.value).size === 0) first = await next();
  if (first.done) throw importFileError("import_empty", "The first worksheet is empty");
  const headerCells = cellsOf(first.value);
  const width = Math.max(...headerCells.keys());
  const names = Array.from({ length: width }, (_, index) =>
    headerName(headerCells.get(index + 1) ?? null),
  );
  const columns = checkHeader(names);

  async function* rows(): AsyncGenerator<ImportRow> {
    let count = 0;
    for (;;) {
      const read = await next();
      if (read.done) return;
      const row = read.value;
      const found = cellsOf(row);
      if (found.size === 0) continue;
      count += 1;
      if (count > limits.maxRows) {
        input.destroy();
        throw importFileError(
          "import_too_many_rows",
          `An import may have at most ${limits.maxRows} rows`,
          { maxRows: limits.maxRows },
        );
      }
      let size = 0;
      const cells = new Map<string, ImportCell>();
      const problems: string[] = [];
      for (const [column, cell] of found) {
        size += lengthOf(cell);
        const name = columns[column - 1];
        if (name !== undefined) cells.set(name, cell);
        else if (cell !== null && !(typeof cell === "string" && cell.trim() === "")) {
          problems.push(`Column ${column} holds a value but the header names no column there`);
        }
      }
      if (size > limits.maxRowBytes) {
        input.destroy();
        throw importRowFileError(
          "import_row_too_large",
          row.number,
          `a row may have at most ${limits.maxRowBytes} characters`,
        );
      }
      for (const column of columns) if (!cells.has(column)) cells.set(column, null);
      yield { number: row.number, cells, problems };
    }
  }
  return { format: "xlsx", columns, columnsComplete: true, rows: rows() };
}
