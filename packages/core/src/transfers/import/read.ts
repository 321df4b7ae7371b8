import { type ImportTable } from "./cells";
import { readCsv } from "./csv";
import { readJson } from "./json";
import { type ImportLimits } from "./limits";
import { openImportSource } from "./source";
import { readXlsx } from "./xlsx";

/**
 * Opens an import file: decides its format from its bytes and name,
 * reads its header, and hands back its rows as a stream. A file that
 * cannot be read is refused here with a typed error (`errors.ts`); a row
 * that cannot be read stops the stream with one.
 */
export async function openImportFile(
  fileName: string,
  body: AsyncIterable<Uint8Array>,
  limits: ImportLimits,
): Promise<ImportTable> {
  const source = await openImportSource(fileName, body, limits);
  switch (source.format) {
    case "csv":
      return readCsv(source.bytes, limits);
    case "json":
    case "ndjson":
      return readJson(source.format, source.bytes, limits);
    case "xlsx":
      return readXlsx(source.bytes, limits);
  }
}
