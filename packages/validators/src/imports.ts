import { z } from "zod";

import { ZTextSchema } from "./primitives";
import { ZWorkflowKeySchema } from "./workflows";

/** A column of an import file, by its header name. */
export const ZImportColumnSchema = ZTextSchema.trim().min(1, "Choose a column").max(200);

/**
 * Which column of an import file fills what of a workflow item. Only the
 * title is needed; a data field, the state, the assignee (an e-mail of a
 * project member) and the external key are filled when mapped. The key
 * makes a re-import find the items it made; without it, a row's own
 * content is its key.
 */
export const ZImportMappingSchema = z.strictObject({
  title: ZImportColumnSchema,
  /** Data field key -> column. */
  fields: z.record(ZWorkflowKeySchema, ZImportColumnSchema).default({}),
  state: ZImportColumnSchema.nullable().default(null),
  assignee: ZImportColumnSchema.nullable().default(null),
  externalKey: ZImportColumnSchema.nullable().default(null),
});

export type ImportMapping = z.infer<typeof ZImportMappingSchema>;
/** A mapping as a form or a client sends it (defaults not yet applied). */
export type ImportMappingInput = z.input<typeof ZImportMappingSchema>;

/** The longest external key a row may carry. */
export const IMPORT_KEY_MAX_LENGTH = 200;

/** Folds a name for matching: case, spaces, dashes and underscores do not matter. */
function fold(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, "");
}

function findColumn(columns: readonly string[], names: readonly string[]): string | null {
  const wanted = new Set(names.map(fold));
  return columns.find((column) => wanted.has(fold(column))) ?? null;
}

/**
 * A first mapping for a file nobody mapped yet: columns named like the
 * title, a data field (by key or label), the state, the assignee or the
 * key. The person checks it in the wizard before anything runs.
 */
export function suggestImportMapping(
  columns: readonly string[],
  fields: readonly { key: string; label: string }[],
): ImportMapping {
  const mapped: Record<string, string> = {};
  for (const field of fields) {
    const column = findColumn(columns, [field.key, field.label]);
    if (column) mapped[field.key] = column;
  }
  return {
    title: findColumn(columns, ["title", "name", "summary", "subject"]) ?? columns[0] ?? "",
    fields: mapped,
    state: findColumn(columns, ["state", "status", "stage"]),
    assignee: findColumn(columns, ["assignee", "assignee email", "assigned to", "owner"]),
    externalKey: findColumn(columns, ["external key", "key", "external id", "id", "ref"]),
  };
}
