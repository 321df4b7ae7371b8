import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";

import ExcelJS from "exceljs";

import { type TransferFormat } from "@fastnext/validators";

import { csvRecord, UTF8_BOM } from "./csv";
import { type ExportLayout } from "./resources";

/** Called after each batch with the rows written so far; may throw to stop the export. */
export type RowsWritten = (rows: number) => Promise<void>;

export const CONTENT_TYPES: Record<TransferFormat, string> = {
  csv: "text/csv",
  ndjson: "application/x-ndjson",
  json: "application/json",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

async function* textFile(
  format: Exclude<TransferFormat, "xlsx">,
  layout: ExportLayout,
  batches: AsyncIterable<unknown[]>,
  written: RowsWritten,
): AsyncGenerator<Buffer, void, undefined> {
  if (format === "csv") yield Buffer.from(UTF8_BOM + csvRecord(layout.headers));
  if (format === "json") yield Buffer.from("[");
  let rows = 0;
  for await (const batch of batches) {
    let text = "";
    for (const row of batch) {
      if (format === "csv") text += csvRecord(layout.flat(row));
      else if (format === "ndjson") text += `${JSON.stringify(layout.nested(row))}\n`;
      else text += `${rows === 0 ? "\n" : ",\n"}${JSON.stringify(layout.nested(row))}`;
      rows += 1;
    }
    yield Buffer.from(text);
    await written(rows);
  }
  if (format === "json") yield Buffer.from(rows === 0 ? "]\n" : "\n]\n");
}

/** Waits until `stream` wants more, or fails when whoever reads it went away. */
async function drained(stream: PassThrough): Promise<void> {
  if (!stream.writableNeedDrain) return;
  const closed = once(stream, "close").then(() => {
    throw new Error("the export's destination closed early");
  });
  await Promise.race([once(stream, "drain"), closed]);
}

/**
 * An XLSX workbook of one sheet through ExcelJS's streaming writer: each
 * row is committed (serialised and let go) as it is added, without shared
 * strings or styles, so memory stays flat; the producer waits whenever the
 * storage side has not taken the last bytes yet.
 */
function workbookFile(
  sheetName: string,
  layout: ExportLayout,
  batches: AsyncIterable<unknown[]>,
  written: RowsWritten,
): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName);
  void (async () => {
    sheet.addRow(layout.headers).commit();
    let rows = 0;
    for await (const batch of batches) {
      for (const row of batch) sheet.addRow(layout.flat(row)).commit();
      rows += batch.length;
      await written(rows);
      await drained(out);
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) =>
    out.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return out;
}

/** The export's bytes in `format`, pulled by whoever stores them. */
export function exportFile(
  format: TransferFormat,
  sheetName: string,
  layout: ExportLayout,
  batches: AsyncIterable<unknown[]>,
  written: RowsWritten,
): Readable {
  if (format === "xlsx") return workbookFile(sheetName, layout, batches, written);
  return Readable.from(textFile(format, layout, batches, written));
}
