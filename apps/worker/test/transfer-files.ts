import ExcelJS from "exceljs";

/**
 * Reads CSV back as the spreadsheet would (RFC 4180: quoted fields, doubled
 * quotes, CRLF records), to check what an export wrote. The BOM is kept
 * out of the first header.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i] ?? "";
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && body[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 1;
    } else field += c;
  }
  if (field !== "" || row.length > 0) throw new Error("the CSV does not end with CRLF");
  return rows;
}

/** Rows of a file as objects by header, for any of the four formats. */
export async function recordsOf(
  format: "csv" | "ndjson" | "json" | "xlsx",
  bytes: Buffer,
): Promise<Record<string, unknown>[]> {
  if (format === "json") return JSON.parse(bytes.toString("utf8")) as Record<string, unknown>[];
  if (format === "ndjson") {
    return bytes
      .toString("utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
  const table = format === "csv" ? parseCsv(bytes.toString("utf8")) : await sheetOf(bytes);
  const [headers = [], ...rows] = table;
  return rows.map((cells) => Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ""])));
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

async function sheetOf(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  // The bytes as an ArrayBuffer: exceljs's own Buffer type is an older @types/node's.
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("the workbook has no sheet");
  const width = sheet.getRow(1).cellCount;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    for (let i = 1; i <= width; i += 1) cells.push(cellText(row.getCell(i).value));
    rows.push(cells);
  });
  return rows;
}
