import { deflateRawSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import { AppError } from "../src/errors";
import { sniffContentType } from "../src/workflows/attachments/sniff";

/** CRC-32 (the zip format's), for the small archives made below. */
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive of deflated entries, as an Office document is laid out. */
function zip(entries: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text);
    const packed = deflateRawSync(data);
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function office(main: string, part: string): Buffer {
  return zip([
    [
      "[Content_Types].xml",
      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/${part}" ContentType="${main}"/></Types>`,
    ],
    [part, "<root/>"],
  ]);
}

async function refusal(sample: Buffer, name: string): Promise<AppError> {
  try {
    await sniffContentType(sample, name);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`${name} was accepted`);
}

describe("attachment content types", () => {
  it("recognises Word, Excel and PowerPoint files by their content", async () => {
    const docx = office(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
      "word/document.xml",
    );
    const xlsx = office(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      "xl/workbook.xml",
    );
    const pptx = office(
      "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
      "ppt/presentation.xml",
    );
    expect(await sniffContentType(docx, "report.docx")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(await sniffContentType(xlsx, "budget")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(await sniffContentType(pptx, "deck.pptx")).toBe(
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    );
    // The name may not claim another allowed type.
    expect((await refusal(docx, "report.xlsx")).reason).toBe("unsupported_file_type");
  });

  it("refuses a plain zip, GIF89a with a PDF name, and a GIF that is one", async () => {
    expect((await refusal(zip([["a.txt", "hello"]]), "archive.zip")).reason).toBe(
      "unsupported_file_type",
    );
    const gif = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1");
    expect((await refusal(gif, "doc.pdf")).reason).toBe("unsupported_file_type");
    expect(await sniffContentType(gif, "dot.gif")).toBe("image/gif");
  });

  it("takes UTF-8 text with a byte-order mark or accents, and refuses markup", async () => {
    expect(await sniffContentType(Buffer.from("\ufeffcafé, crème\n"), "notes")).toBe("text/plain");
    expect(await sniffContentType(Buffer.from("x;y\n"), "data.CSV")).toBe("text/csv");
    expect((await refusal(Buffer.from("\n  <svg onload=alert(1)>"), "a.txt")).reason).toBe(
      "unsupported_file_type",
    );
  });
});
