import { AppError } from "../../errors";
import { peek } from "../../workflows/attachments/peek";
import {
  checkedText,
  sniffContentType,
  SNIFF_BYTES,
  textProblem,
} from "../../workflows/attachments/sniff";
import { type ImportFormat } from "./cells";
import { importFileError } from "./errors";
import { type ImportLimits } from "./limits";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Names a text file may have, by the format it is read as. */
const TEXT_EXTENSIONS: Readonly<Record<string, ImportFormat>> = {
  csv: "csv",
  json: "json",
  ndjson: "ndjson",
  jsonl: "ndjson",
};

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : "";
}

export function notUtf8(): AppError {
  return importFileError(
    "import_not_utf8",
    'The file is not UTF-8 text. Save it as "CSV UTF-8" (or UTF-8 JSON) and upload it again',
  );
}

function unsupported(detail: string): AppError {
  return importFileError(
    "import_unsupported_file",
    `This file cannot be imported: ${detail}. Upload a .csv, .xlsx, .json or .ndjson file`,
  );
}

/** Fails the stream once more than `maxBytes` passed: a file too large is refused while it arrives. */
async function* limited(
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) {
      throw importFileError(
        "import_file_too_large",
        `An import file may have at most ${maxBytes} bytes`,
        { maxBytes },
      );
    }
    yield chunk;
  }
}

function hasUtf16Mark(sample: Uint8Array): boolean {
  return (
    sample.length >= 2 &&
    ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff))
  );
}

/**
 * The format a file is read as, decided by its bytes (the attachments'
 * content sniffing: a binary file named `.csv` is refused) and, for text,
 * by its name, since CSV and JSON bytes do not tell their reader apart.
 * Text must be UTF-8 (a byte-order mark is allowed); UTF-16 and legacy
 * code pages are refused by name rather than read as garbage.
 */
export async function detectFormat(sample: Uint8Array, fileName: string): Promise<ImportFormat> {
  if (sample.length === 0) throw importFileError("import_empty", "The file is empty");
  if (hasUtf16Mark(sample) || textProblem(sample) === "not_utf8") throw notUtf8();
  const extension = extensionOf(fileName);
  let type: string;
  try {
    // A .json or .ndjson name is no attachment type: the bytes alone decide, then the name.
    type = await sniffContentType(
      sample,
      extension === "csv" || extension === "xlsx" ? fileName : "file",
    );
  } catch (error) {
    if (error instanceof AppError && error.reason === "unsupported_file_type") {
      const detail = error.details?.detail;
      throw unsupported(typeof detail === "string" ? detail : "its content is not recognised");
    }
    throw error;
  }
  if (type === XLSX_TYPE) return "xlsx";
  const named = TEXT_EXTENSIONS[extension];
  if (type.startsWith("text/") && named) return named;
  if (type.startsWith("text/"))
    throw unsupported("a text file needs a .csv, .json or .ndjson name");
  throw unsupported(`its content is ${type}`);
}

export interface ImportSource {
  format: ImportFormat;
  /** The whole file again, size-limited and, for text, checked to be UTF-8 as it streams. */
  bytes: AsyncIterable<Uint8Array>;
}

/** Opens a file's bytes for a reader: decides its format and guards its size and encoding. */
export async function openImportSource(
  fileName: string,
  body: AsyncIterable<Uint8Array>,
  limits: ImportLimits,
): Promise<ImportSource> {
  const { sample, whole } = await peek(limited(body, limits.maxFileBytes), SNIFF_BYTES);
  const format = await detectFormat(sample, fileName);
  const bytes = format === "xlsx" ? whole : checkedText(whole, notUtf8);
  return { format, bytes };
}
