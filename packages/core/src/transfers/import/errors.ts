import { AppError } from "../../errors";

/**
 * Why a file cannot be imported at all. Each is a typed refusal the caller
 * can branch on; a problem of one row is not one of these but a row error
 * in the dry-run report (see `rows.ts`).
 */
export type ImportFileReason =
  | "import_unsupported_file"
  | "import_not_utf8"
  | "import_malformed"
  | "import_header_invalid"
  | "import_missing_columns"
  | "import_row_too_large"
  | "import_file_too_large"
  | "import_too_many_rows"
  | "import_empty";

/** A refusal of the file, shown on the upload's `file` field. */
export function importFileError(
  reason: ImportFileReason,
  message: string,
  details?: Record<string, unknown>,
): AppError {
  const tooLarge = reason === "import_file_too_large" || reason === "import_too_many_rows";
  return new AppError(tooLarge ? "PAYLOAD_TOO_LARGE" : "VALIDATION", message, {
    reason,
    fieldErrors: { file: [message] },
    ...(details ? { details } : {}),
  });
}

/** A problem at a place in the file: "Row 7: ...", with the row in the details. */
export function importRowFileError(
  reason: ImportFileReason,
  row: number,
  message: string,
): AppError {
  return importFileError(reason, `Row ${row}: ${message}`, { row });
}
