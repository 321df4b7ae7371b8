import { fileTypeFromBuffer } from "file-type/core";

import { AppError } from "../../errors";

/**
 * The bytes the type is decided from: enough for every allowed format's
 * signature, including the first entries of an Office document's zip
 * (`[Content_Types].xml` names which of Word, Excel or PowerPoint it is).
 */
export const SNIFF_BYTES = 64 * 1024;

/** What an item may carry, by the type its bytes show, with the names that type may have. */
export const ALLOWED_TYPES = {
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg", "jfif"],
  "image/gif": ["gif"],
  "image/webp": ["webp"],
  "application/pdf": ["pdf"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": ["pptx"],
  "text/csv": ["csv"],
  "text/plain": ["txt", "text", "md", "log"],
} as const satisfies Record<string, readonly string[]>;

export type AllowedContentType = keyof typeof ALLOWED_TYPES;

const NAME_TYPES = new Map<string, AllowedContentType>(
  Object.entries(ALLOWED_TYPES).flatMap(([type, extensions]) =>
    extensions.map((extension) => [extension, type as AllowedContentType] as const),
  ),
);

export function unsupportedType(detail: string): AppError {
  return new AppError("VALIDATION", `This kind of file cannot be attached: ${detail}`, {
    reason: "unsupported_file_type",
    fieldErrors: { file: [`This kind of file cannot be attached: ${detail}`] },
    // The bare reason, for a caller that words the refusal for its own purpose (an import).
    details: { detail },
  });
}

function extensionOf(fileName: string): string | null {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : null;
}

/** Control characters other than tab, line feed, form feed and carriage return: binary, not text. */
function hasBinaryControl(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) {
      return true;
    }
    if (byte === 0x7f) return true;
  }
  return false;
}

/** Why a sample is not text: control bytes (binary), bytes that are not UTF-8, or markup. */
export type TextProblem = "binary" | "not_utf8" | "markup";

/**
 * Text has no signature, so it is recognised by what it is not: the sample
 * decodes as UTF-8 (a character cut at the sample's end is allowed: the
 * rest is checked as it streams, see `checkedText`), holds no NUL or other
 * control bytes, and does not open as markup. Markup (`<` first, after an
 * optional byte-order mark and blanks) is refused: HTML, SVG or XML is
 * active content in a browser, and an item's notes do not start with `<`.
 */
export function textProblem(sample: Uint8Array): TextProblem | null {
  if (hasBinaryControl(sample)) return "binary";
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
  } catch {
    return "not_utf8";
  }
  const markup = text
    .replace(/^\uFEFF/, "")
    .trimStart()
    .startsWith("<");
  return markup ? "markup" : null;
}

/**
 * The content type of a file, decided from its first bytes, and refused
 * unless allowed. The name does not choose the type; it may only agree
 * with it: a name whose extension belongs to another allowed type
 * (`photo.png` holding text) is refused, so no reader is misled by it. For
 * text, the name picks between plain text and CSV, which no bytes tell apart.
 */
export async function sniffContentType(
  sample: Uint8Array,
  fileName: string,
): Promise<AllowedContentType> {
  if (sample.length === 0) throw unsupportedType("the file is empty");
  const extension = extensionOf(fileName);
  const named = extension ? NAME_TYPES.get(extension) : undefined;
  const detected = await fileTypeFromBuffer(sample);
  let type: AllowedContentType;
  if (detected) {
    if (!Object.hasOwn(ALLOWED_TYPES, detected.mime)) throw unsupportedType(detected.mime);
    type = detected.mime as AllowedContentType;
  } else if (textProblem(sample) === null) {
    type = named === "text/csv" ? "text/csv" : "text/plain";
  } else {
    throw unsupportedType("its content is not one of the allowed formats");
  }
  const textual = type === "text/plain" || type === "text/csv";
  const agrees =
    !named || named === type || (textual && (named === "text/plain" || named === "text/csv"));
  if (!agrees) throw unsupportedType(`the name says .${extension} but the content is ${type}`);
  return type;
}

/**
 * The text file again, checked as it streams past: still UTF-8 and free of
 * control bytes to its end. Throws `refuse()` on the first bad chunk, which
 * fails the upload (and storage then keeps nothing).
 */
export async function* checkedText(
  source: AsyncIterable<Uint8Array>,
  refuse: () => Error = () => unsupportedType("the text is not valid UTF-8"),
): AsyncGenerator<Uint8Array> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for await (const chunk of source) {
    if (hasBinaryControl(chunk)) throw refuse();
    try {
      decoder.decode(chunk, { stream: true });
    } catch {
      throw refuse();
    }
    yield chunk;
  }
  try {
    decoder.decode();
  } catch {
    throw refuse();
  }
}
