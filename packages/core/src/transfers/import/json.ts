import { type ImportCell, type ImportFormat, type ImportRow, type ImportTable } from "./cells";
import { importFileError, importRowFileError } from "./errors";
import { checkHeader } from "./header";
import { type ImportLimits } from "./limits";

/** One JSON document of the file: the object text and its row number. */
interface JsonItem {
  number: number;
  text: string;
}

async function* decoded(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  // The bytes were checked to be UTF-8 already; `stream` keeps a character cut between chunks whole.
  const decoder = new TextDecoder("utf-8");
  let first = true;
  for await (const chunk of bytes) {
    let text = decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      text = text.replace(/^\uFEFF/, "");
      first = false;
    }
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

function rowTooLarge(number: number, limits: ImportLimits): Error {
  return importRowFileError(
    "import_row_too_large",
    number,
    `an object may have at most ${limits.maxRowBytes} characters`,
  );
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * The objects of a JSON array, one at a time, without holding the array:
 * a scanner finds where each top-level element ends (outside strings), and
 * only that element's text is parsed. Anything but an array of objects is
 * refused at the place it goes wrong.
 */
async function* arrayItems(
  text: AsyncIterable<string>,
  limits: ImportLimits,
): AsyncGenerator<JsonItem> {
  const notArray = () =>
    importFileError("import_malformed", "A JSON file must hold one array of objects");
  let phase = "before" as "before" | "between" | "element" | "after";
  let expectValue = true; // after "[" or ",": an element (or "]" right after "[") comes next
  let count = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let length = 0;
  for await (const chunk of text) {
    // An element cut by the chunk boundary goes on from this chunk's first character.
    let start = phase === "element" ? 0 : -1;
    for (let i = 0; i < chunk.length; i += 1) {
      const code = chunk.charCodeAt(i);
      if (phase === "element") {
        if (inString) {
          if (escaped) escaped = false;
          else if (code === 0x5c) escaped = true;
          else if (code === 0x22) inString = false;
          continue;
        }
        if (code === 0x22) inString = true;
        else if (code === 0x7b || code === 0x5b) depth += 1;
        else if (code === 0x7d || code === 0x5d) {
          depth -= 1;
          if (depth === 0) {
            parts.push(chunk.slice(start, i + 1));
            length += i + 1 - start;
            if (length > limits.maxRowBytes) throw rowTooLarge(count, limits);
            yield { number: count, text: parts.join("") };
            parts = [];
            length = 0;
            start = -1;
            phase = "between";
            expectValue = false;
          }
        }
        continue;
      }
      if (WHITESPACE.has(code)) continue;
      if (phase === "before") {
        if (code !== 0x5b) throw notArray();
        phase = "between";
      } else if (phase === "after") {
        throw notArray();
      } else if (code === 0x5d && (!expectValue || count === 0)) {
        phase = "after";
      } else if (code === 0x2c && !expectValue) {
        expectValue = true;
      } else if (code === 0x7b && expectValue) {
        count += 1;
        if (count > limits.maxRows) throw tooManyRows(limits);
        phase = "element";
        depth = 1;
        start = i;
      } else if (expectValue) {
        throw importRowFileError("import_malformed", count + 1, "each item must be an object");
      } else {
        throw importRowFileError(
          "import_malformed",
          count,
          "the JSON is not valid after this item",
        );
      }
    }
    if (phase === "element") {
      parts.push(chunk.slice(start));
      length += chunk.length - start;
      if (length > limits.maxRowBytes) throw rowTooLarge(count, limits);
    }
  }
  if (phase !== "after") {
    throw phase === "before"
      ? importFileError("import_empty", "The file is empty")
      : importFileError("import_malformed", "The JSON array is not closed: the file is cut short");
  }
}

/** The lines of an NDJSON file, one object each; blank lines are skipped. */
async function* lineItems(
  text: AsyncIterable<string>,
  limits: ImportLimits,
): AsyncGenerator<JsonItem> {
  let line = 0;
  let rows = 0;
  let pending = "";
  const item = (raw: string): JsonItem | null => {
    line += 1;
    const trimmed = raw.trim();
    if (trimmed === "") return null;
    if (trimmed.length > limits.maxRowBytes) throw rowTooLarge(line, limits);
    rows += 1;
    if (rows > limits.maxRows) throw tooManyRows(limits);
    return { number: line, text: trimmed };
  };
  for await (const chunk of text) {
    pending += chunk;
    let newline = pending.indexOf("\n");
    while (newline >= 0) {
      const found = item(pending.slice(0, newline));
      if (found) yield found;
      pending = pending.slice(newline + 1);
      newline = pending.indexOf("\n");
    }
    if (pending.length > limits.maxRowBytes) throw rowTooLarge(line + 1, limits);
  }
  const last = item(pending);
  if (last) yield last;
}

function tooManyRows(limits: ImportLimits): Error {
  return importFileError(
    "import_too_many_rows",
    `An import may have at most ${limits.maxRows} rows`,
    { maxRows: limits.maxRows },
  );
}

function cellOf(value: unknown): ImportCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  return { kind: "nested" };
}

function rowOf(item: JsonItem): ImportRow {
  let parsed: unknown;
  try {
    parsed = JSON.parse(item.text);
  } catch {
    throw importRowFileError("import_malformed", item.number, "this is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw importRowFileError("import_malformed", item.number, "each item must be an object");
  }
  const cells = new Map<string, ImportCell>();
  for (const [key, value] of Object.entries(parsed)) cells.set(key.trim(), cellOf(value));
  return { number: item.number, cells, problems: [] };
}

/**
 * Reads a JSON array of objects, or NDJSON (one object per line), as rows.
 * The first object's keys are the columns; values that are objects or
 * arrays are kept as "nested", which no field accepts.
 */
export async function readJson(
  format: Extract<ImportFormat, "json" | "ndjson">,
  bytes: AsyncIterable<Uint8Array>,
  limits: ImportLimits,
): Promise<ImportTable> {
  const text = decoded(bytes);
  const items = (format === "json" ? arrayItems(text, limits) : lineItems(text, limits))[
    Symbol.asyncIterator
  ]();
  const first = await items.next();
  if (first.done) throw importFileError("import_empty", "The file has no rows");
  const firstRow = rowOf(first.value);
  const columns = checkHeader([...firstRow.cells.keys()]);
  async function* rows(): AsyncGenerator<ImportRow> {
    yield firstRow;
    for (;;) {
      const next = await items.next();
      if (next.done) return;
      yield rowOf(next.value);
    }
  }
  return { format, columns, columnsComplete: false, rows: rows() };
}
