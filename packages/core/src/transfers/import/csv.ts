import { CsvError, parse } from "csv-parse";

import { peek } from "../../workflows/attachments/peek";
import { type ImportCell, type ImportRow, type ImportTable } from "./cells";
import { importFileError, importRowFileError } from "./errors";
import { checkHeader } from "./header";
import { type ImportLimits } from "./limits";

const DELIMITERS = [",", ";", "\t"] as const;

/**
 * The delimiter of a CSV file, from its header line: the one of comma,
 * semicolon and tab that appears most often outside quotes. Spreadsheets
 * in many locales save "CSV" with semicolons; nobody should have to know.
 */
export function detectDelimiter(head: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of head) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: string = ",";
  for (const [delimiter, count] of counts) {
    if (count > (counts.get(best) ?? 0)) best = delimiter;
  }
  return best;
}

function rowNumberOf(error: CsvError): number {
  // The record being read when it failed; the header is row 1.
  const records = typeof error.records === "number" ? error.records : 0;
  return records + 1;
}

function fileErrorOf(error: unknown, limits: ImportLimits): unknown {
  if (!(error instanceof CsvError)) return error;
  const row = rowNumberOf(error);
  switch (error.code) {
    case "CSV_MAX_RECORD_SIZE":
      return importRowFileError(
        "import_row_too_large",
        row,
        `a row may have at most ${limits.maxRowBytes} characters`,
      );
    case "CSV_QUOTE_NOT_CLOSED":
      return importRowFileError("import_malformed", row, "a quoted cell is never closed");
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
    case "INVALID_OPENING_QUOTE":
      return importRowFileError(
        "import_malformed",
        row,
        'a quote inside a cell must be doubled ("")',
      );
    default:
      return importRowFileError("import_malformed", row, "the row is not valid CSV");
  }
}

/**
 * Reads a CSV file as a header and a stream of rows. Every cell is text
 * (CSV has no formulas: a cell reading `=SUM(A1)` is that text, and the
 * export neutralises it when it is written to a spreadsheet again); blank
 * lines are skipped; a row with more cells than the header is a row problem.
 */
export async function readCsv(
  bytes: AsyncIterable<Uint8Array>,
  limits: ImportLimits,
): Promise<ImportTable> {
  const { sample, whole } = await peek(bytes, 4096);
  const delimiter = detectDelimiter(Buffer.from(sample).toString("utf8"));
  const parser = whole.pipe(
    parse({
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: limits.maxRowBytes,
    }),
  );
  // A failure of the byte stream (too large, not UTF-8) must reach the reader, not vanish in the pipe.
  whole.on("error", (error) => parser.destroy(error));
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const next = async (): Promise<IteratorResult<string[]>> => {
    try {
      return await records.next();
    } catch (error) {
      throw fileErrorOf(error, limits);
    }
  };
  const first = await next();
  if (first.done) throw importFileError("import_empty", "The file has no header row");
  const columns = checkHeader(first.value);

  async function* rows(): AsyncGenerator<ImportRow> {
    let number = 1;
    for (;;) {
      const record = await next();
      if (record.done) return;
      number += 1;
      if (number - 1 > limits.maxRows) {
        throw importFileError(
          "import_too_many_rows",
          `An import may have at most ${limits.maxRows} rows`,
          { maxRows: limits.maxRows },
        );
      }
      const cells = new Map<string, ImportCell>();
      columns.forEach((column, index) => {
        const value = record.value[index];
        cells.set(column, value === undefined || value === "" ? null : value);
      });
      const extra = record.value.slice(columns.length).filter((value) => value.trim() !== "");
      yield {
        number,
        cells,
        problems:
          extra.length > 0
            ? [`The row has ${extra.length} more cell(s) than the header has columns`]
            : [],
      };
    }
  }
  return { format: "csv", columns, columnsComplete: true, rows: rows() };
}
