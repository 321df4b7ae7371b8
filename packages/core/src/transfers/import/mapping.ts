import { type ImportMapping } from "@fastnext/validators";
import { type WorkflowDefinition } from "@fastnext/workflow";

import { AppError, type FieldErrors } from "../../errors";
import { type ImportTable } from "./cells";

/**
 * Checks a mapping against a file's columns and the template before any
 * row is read: the title and every required data field must be mapped,
 * mapped fields must be the template's, and mapped columns must be in the
 * header. The refusal is VALIDATION `import_missing_columns`, with an
 * error per mapping entry (`mapping.title`, `mapping.fields.<key>`, ...).
 */
export function checkMapping(
  table: Pick<ImportTable, "columns" | "columnsComplete">,
  definition: WorkflowDefinition,
  mapping: ImportMapping,
): void {
  const present = new Set(table.columns);
  const errors: FieldErrors = {};
  const add = (path: string, message: string) => {
    (errors[path] ??= []).push(message);
  };
  const column = (path: string, name: string | null | undefined, required: boolean) => {
    if (!name) return;
    // JSON objects may carry a key the first one lacked: only a required column must be there.
    if (!present.has(name) && (table.columnsComplete || required)) {
      add(path, `The file has no column "${name}"`);
    }
  };
  column("mapping.title", mapping.title, true);
  const fields = new Map(definition.dataFields.map((field) => [field.key, field]));
  for (const [key, name] of Object.entries(mapping.fields)) {
    const field = fields.get(key);
    if (!field) add(`mapping.fields.${key}`, "Not a field of this template");
    else column(`mapping.fields.${key}`, name, field.required);
  }
  for (const field of definition.dataFields) {
    if (field.required && !Object.hasOwn(mapping.fields, field.key)) {
      add(`mapping.fields.${field.key}`, `"${field.label}" is required: choose its column`);
    }
  }
  column("mapping.state", mapping.state, false);
  column("mapping.assignee", mapping.assignee, false);
  column("mapping.externalKey", mapping.externalKey, true);
  if (Object.keys(errors).length > 0) {
    const missing = Object.values(errors).flat();
    throw new AppError("VALIDATION", `The file does not fit the mapping: ${missing.join("; ")}`, {
      reason: "import_missing_columns",
      fieldErrors: errors,
    });
  }
}
