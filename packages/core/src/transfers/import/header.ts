import { importFileError } from "./errors";

/**
 * The column names of a header row, trimmed. A header with no names, a
 * blank name between named columns, or one name twice is refused: a column
 * mapped by name must mean one column.
 */
export function checkHeader(names: readonly string[]): string[] {
  const columns = names.map((name) => name.trim());
  while (columns.length > 0 && columns.at(-1) === "") columns.pop();
  if (columns.length === 0) {
    throw importFileError("import_header_invalid", "The first row must name the columns");
  }
  const blank = columns.indexOf("");
  if (blank >= 0) {
    throw importFileError("import_header_invalid", `Column ${blank + 1} of the header has no name`);
  }
  const seen = new Set<string>();
  for (const column of columns) {
    const folded = column.toLowerCase();
    if (seen.has(folded)) {
      throw importFileError("import_header_invalid", `The header names "${column}" twice`);
    }
    seen.add(folded);
  }
  return columns;
}
