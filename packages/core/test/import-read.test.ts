import { Readable } from "node:stream";

import { describe, expect, it } from "vitest";

import { AppError } from "../src/errors";
import {
  openImportFile,
  type ImportLimits,
  type ImportRow,
  type ImportTable,
} from "../src/transfers/import";

const LIMITS: ImportLimits = { maxFileBytes: 64 * 1024, maxRowBytes: 200, maxRows: 50 };

/** The bytes in chunks of `size`, so readers meet characters and rows cut between chunks. */
function chunks(bytes: Buffer, size = 7): AsyncIterable<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) {
    parts.push(bytes.subarray(offset, offset + size));
  }
  return Readable.from(parts, { objectMode: false });
}

async function open(name: string, content: string | Buffer, limits = LIMITS): Promise<ImportTable> {
  return openImportFile(name, chunks(Buffer.from(content)), limits);
}

async function rowsOf(table: ImportTable): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return rows;
}

function plain(rows: ImportRow[]) {
  return rows.map((row) => ({ number: row.number, cells: Object.fromEntries(row.cells) }));
}

async function refusal(work: () => Promise<unknown>): Promise<AppError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("the file was accepted");
}

async function readAll(name: string, content: string | Buffer, limits = LIMITS) {
  return rowsOf(await open(name, content, limits));
}

describe("CSV files", () => {
  it("reads the header and rows, with quotes, a BOM, accents and blank lines", async () => {
    const table = await open(
      "items.csv",
      '\uFEFFTitle,Priority,Notes\r\n"Fix, the door",high,"said ""now"""\r\n\r\nCafé crème,,\r\n',
    );
    expect(table.format).toBe("csv");
    expect(table.columns).toEqual(["Title", "Priority", "Notes"]);
    expect(plain(await rowsOf(table))).toEqual([
      { number: 2, cells: { Title: "Fix, the door", Priority: "high", Notes: 'said "now"' } },
      { number: 3, cells: { Title: "Café crème", Priority: null, Notes: null } },
    ]);
  });

  it("finds a semicolon or tab delimiter from the header", async () => {
    const semicolon = await open("a.csv", "Title;Amount\nRent;1,5\n");
    expect(semicolon.columns).toEqual(["Title", "Amount"]);
    expect(plain(await rowsOf(semicolon))[0]?.cells).toEqual({ Title: "Rent", Amount: "1,5" });
    const tab = await open("a.csv", "Title\tAmount\nRent\t2\n");
    expect(tab.columns).toEqual(["Title", "Amount"]);
  });

  it("keeps a cell that looks like a formula as its text", async () => {
    const rows = await readAll("a.csv", "Title\n=SUM(A1:A3)\n");
    expect(rows[0]?.cells.get("Title")).toBe("=SUM(A1:A3)");
  });

  it("reports extra cells on the row, missing cells as blank", async () => {
    const rows = await readAll("a.csv", "Title,Notes\nOne\nTwo,b,extra\nThree,c,\n");
    expect(rows.map((row) => row.problems)).toEqual([
      [],
      ["The row has 1 more cell(s) than the header has columns"],
      [],
    ]);
    expect(rows[0]?.cells.get("Notes")).toBeNull();
  });

  it("refuses a header with a blank or repeated name", async () => {
    expect((await refusal(() => open("a.csv", "Title,,Notes\nx,y,z\n"))).reason).toBe(
      "import_header_invalid",
    );
    const twice = await refusal(() => open("a.csv", "Title,title\nx,y\n"));
    expect(twice.reason).toBe("import_header_invalid");
    expect(twice.fieldErrors?.file).toEqual(['The header names "title" twice']);
  });

  it("refuses an unclosed quote with its row", async () => {
    const error = await refusal(() => readAll("a.csv", 'Title\nok\n"never closed\n'));
    expect(error.code).toBe("VALIDATION");
    expect(error.reason).toBe("import_malformed");
    expect(error.details).toEqual({ row: 3 });
  });

  it("refuses a row over the row limit, a file over the size limit and too many rows", async () => {
    const long = await refusal(() => readAll("a.csv", `Title\nshort\n${"x".repeat(300)}\n`));
    expect(long.reason).toBe("import_row_too_large");
    expect(long.details).toEqual({ row: 3 });

    const big = await refusal(() =>
      readAll("a.csv", `Title\n${"row\n".repeat(100)}`, { ...LIMITS, maxFileBytes: 100 }),
    );
    expect(big.code).toBe("PAYLOAD_TOO_LARGE");
    expect(big.reason).toBe("import_file_too_large");

    const many = await refusal(() => readAll("a.csv", `Title\n${"row\n".repeat(51)}`));
    expect(many.code).toBe("PAYLOAD_TOO_LARGE");
    expect(many.reason).toBe("import_too_many_rows");
    expect(await readAll("a.csv", `Title\n${"row\n".repeat(50)}`)).toHaveLength(50);
  });

  it("refuses text that is not UTF-8, at the start or further in", async () => {
    const latin1 = Buffer.from("Title\nCaf\xe9\n", "latin1");
    expect((await refusal(() => open("a.csv", latin1))).reason).toBe("import_not_utf8");
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Title\n", "utf16le")]);
    expect((await refusal(() => open("a.csv", utf16))).reason).toBe("import_not_utf8");
    const late = Buffer.concat([
      Buffer.from(`Title\n${"fine\n".repeat(20_000)}`),
      Buffer.from("Caf\xe9\n", "latin1"),
    ]);
    const error = await refusal(() =>
      readAll("a.csv", late, { ...LIMITS, maxFileBytes: 1_000_000, maxRows: 100_000 }),
    );
    expect(error.reason).toBe("import_not_utf8");
  });

  it("refuses a binary file with a CSV name, and text without a known name", async () => {
    const pdf = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n");
    const named = await refusal(() => open("items.csv", pdf));
    expect(named.reason).toBe("import_unsupported_file");
    expect(named.message).toContain("application/pdf");
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    expect((await refusal(() => open("items.csv", png))).reason).toBe("import_unsupported_file");
    expect((await refusal(() => open("items.txt", "Title\nx\n"))).reason).toBe(
      "import_unsupported_file",
    );
    expect((await refusal(() => open("items.csv", ""))).reason).toBe("import_empty");
  });
});

describe("JSON and NDJSON files", () => {
  it("reads an array of objects cut anywhere between chunks", async () => {
    const content = JSON.stringify([
      { title: "Ünïcode ✓", priority: 2, done: true, note: null },
      { title: 'with } and ] and \\" inside', priority: 3 },
    ]);
    for (const size of [1, 3, 7, 64]) {
      const table = await openImportFile("a.json", chunks(Buffer.from(content), size), LIMITS);
      expect(table.columns).toEqual(["title", "priority", "done", "note"]);
      expect(table.columnsComplete).toBe(false);
      expect(plain(await rowsOf(table))).toEqual([
        { number: 1, cells: { title: "Ünïcode ✓", priority: 2, done: true, note: null } },
        { number: 2, cells: { title: 'with } and ] and \\" inside', priority: 3 } },
      ]);
    }
  });

  it("keeps nested values apart so no field takes them", async () => {
    const rows = await readAll("a.json", '[{"title":"a","tags":["x"],"meta":{"a":1}}]');
    expect(rows[0]?.cells.get("tags")).toEqual({ kind: "nested" });
    expect(rows[0]?.cells.get("meta")).toEqual({ kind: "nested" });
  });

  it("refuses what is not one array of objects", async () => {
    expect((await refusal(() => open("a.json", '{"title":"a"}'))).reason).toBe("import_malformed");
    const scalar = await refusal(() => readAll("a.json", '[{"title":"a"}, 3]'));
    expect(scalar.reason).toBe("import_malformed");
    expect(scalar.details).toEqual({ row: 2 });
    expect((await refusal(() => readAll("a.json", '[{"title":"a"}'))).reason).toBe(
      "import_malformed",
    );
    expect((await refusal(() => readAll("a.json", '[{"title":"a"}] x'))).reason).toBe(
      "import_malformed",
    );
    expect((await refusal(() => readAll("a.json", '[{"title": nope}]'))).reason).toBe(
      "import_malformed",
    );
    expect((await refusal(() => open("a.json", "[]"))).reason).toBe("import_empty");
  });

  it("refuses an object over the row limit", async () => {
    const big = JSON.stringify([{ title: "a" }, { title: "x".repeat(300) }]);
    const error = await refusal(() => readAll("a.json", big));
    expect(error.reason).toBe("import_row_too_large");
    expect(error.details).toEqual({ row: 2 });
  });

  it("reads NDJSON by line, skipping blank lines and numbering by line", async () => {
    const rows = await readAll("a.ndjson", '{"title":"a"}\n\n{"title":"b"}\r\n');
    expect(plain(rows)).toEqual([
      { number: 1, cells: { title: "a" } },
      { number: 3, cells: { title: "b" } },
    ]);
    const bad = await refusal(() => readAll("a.jsonl", '{"title":"a"}\n[1]\n'));
    expect(bad.reason).toBe("import_malformed");
    expect(bad.details).toEqual({ row: 2 });
  });
});
