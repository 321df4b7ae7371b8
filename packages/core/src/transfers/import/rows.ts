import { createHash } from "node:crypto";

import { IMPORT_KEY_MAX_LENGTH, type ImportMapping } from "@fastnext/validators";
import { type DataField, type WorkflowDefinition } from "@fastnext/workflow";

import { AppError, type FieldErrors } from "../../errors";
import { validateData } from "../../workflows/instances/data";
import { ZWorkflowInstanceCreateInputSchema } from "../../workflows/instances/input";
import { type ImportCell, type ImportRow } from "./cells";

/** What one valid row asks to create: the create service's input, and where the item goes. */
export interface ImportCandidate {
  number: number;
  /** The row's key: its external key column, or a digest of what it holds. */
  key: string;
  title: string;
  data: Record<string, string | number | boolean>;
  /** A state key of the template, or null for the initial state. */
  state: string | null;
  assigneeId: string | null;
}

export type RowCheck =
  { ok: true; candidate: ImportCandidate } | { ok: false; number: number; errors: FieldErrors };

/** What a row is checked against, loaded once per import. */
export interface RowPlan {
  definition: WorkflowDefinition;
  mapping: ImportMapping;
  /** The project's members by lower-case e-mail: who an assignee cell may name. */
  members: ReadonlyMap<string, string>;
}

/** Why a cell's value is no value a field can take, or null. */
function cellProblem(cell: ImportCell): string | null {
  if (cell === null || typeof cell !== "object") return null;
  switch (cell.kind) {
    case "formula":
      return "A formula cell: an import takes values, not formulas. Copy the column and paste it as values, then upload again";
    case "error":
      return `The cell holds the spreadsheet error ${cell.text}`;
    case "nested":
      return "An object or a list: a cell must hold a single value";
    case "date":
      return null;
  }
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A cell as text (trimmed; a spreadsheet's date as YYYY-MM-DD), or null when blank. */
function textOf(cell: ImportCell): string | null {
  if (cell === null) return null;
  if (typeof cell === "string") return cell.trim() === "" ? null : cell.trim();
  if (typeof cell === "number" || typeof cell === "boolean") return String(cell);
  return cell.kind === "date" ? isoDate(cell.value) : null;
}

const TRUE_WORDS = new Set(["true", "yes", "y", "1", "x"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0"]);
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A cell as the value a data field stores, or a message. Spreadsheets
 * write numbers and yes/no as text, so text is read the way a person
 * wrote it; what is then stored is checked by the template's own schema.
 */
function fieldValue(
  field: DataField,
  cell: ImportCell,
): { value: string | number | boolean | null } | { error: string } {
  const problem = cellProblem(cell);
  if (problem) return { error: problem };
  if (typeof cell === "number" && field.type === "number") return { value: cell };
  if (typeof cell === "boolean" && field.type === "boolean") return { value: cell };
  const text = textOf(cell);
  if (text === null) return { value: null };
  switch (field.type) {
    case "string":
      return { value: text };
    case "number":
      return DECIMAL.test(text) ? { value: Number(text) } : { error: `"${text}" is not a number` };
    case "boolean": {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return { value: true };
      if (FALSE_WORDS.has(word)) return { value: false };
      return { error: `"${text}" is not yes or no` };
    }
    case "date":
      return { value: text };
    case "enum": {
      const options = field.options ?? [];
      const option =
        options.find((o) => o === text) ??
        options.find((o) => o.toLowerCase() === text.toLowerCase());
      return option
        ? { value: option }
        : { error: `"${text}" is not one of ${options.join(", ")}` };
    }
  }
}

function digest(parts: unknown): string {
  return `row:${createHash("sha256").update(JSON.stringify(parts)).digest("base64url")}`;
}

/**
 * Checks rows one at a time against the template and the project, with
 * the same rules a hand-made item meets (the create input's title, the
 * template's data schema), and gives each valid row its key. A key seen
 * earlier in the file is an error on the later row: one row, one item.
 */
export function createRowChecker(plan: RowPlan): (row: ImportRow) => RowCheck {
  const { definition, mapping, members } = plan;
  const seen = new Map<string, number>();
  const states = definition.states;
  const cell = (row: ImportRow, column: string | null): ImportCell =>
    column === null ? null : (row.cells.get(column) ?? null);

  return (row) => {
    const errors: FieldErrors = {};
    const add = (path: string, message: string) => {
      (errors[path] ??= []).push(message);
    };
    for (const problem of row.problems) add("row", problem);

    const titleCell = cell(row, mapping.title);
    const titleProblem = cellProblem(titleCell);
    const title = ZWorkflowInstanceCreateInputSchema.shape.title.safeParse(textOf(titleCell) ?? "");
    if (titleProblem) add("title", titleProblem);
    else if (!title.success) for (const issue of title.error.issues) add("title", issue.message);

    const data: Record<string, string | number | boolean | null> = {};
    let dataConverted = true;
    for (const field of definition.dataFields) {
      const column = mapping.fields[field.key];
      if (column === undefined) continue;
      const result = fieldValue(field, cell(row, column));
      if ("error" in result) {
        add(`data.${field.key}`, result.error);
        dataConverted = false;
      } else if (result.value !== null) data[field.key] = result.value;
      else if (field.required) {
        add(`data.${field.key}`, "Required");
        dataConverted = false;
      }
    }
    let stored: Record<string, string | number | boolean> = {};
    if (dataConverted) {
      try {
        stored = validateData(definition.dataFields, data) as Record<
          string,
          string | number | boolean
        >;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        for (const [path, messages] of Object.entries(error.fieldErrors ?? {}))
          for (const message of messages) add(path, message);
      }
    }

    let state: string | null = null;
    const stateText = textOf(cell(row, mapping.state));
    if (stateText !== null) {
      const folded = stateText.toLowerCase();
      const found = states.find((s) => s.key === folded || s.name.toLowerCase() === folded);
      if (found) state = found.key;
      else
        add(
          "state",
          `"${stateText}" is not a state of this workflow (${states.map((s) => s.name).join(", ")})`,
        );
    }

    let assigneeId: string | null = null;
    const assigneeText = textOf(cell(row, mapping.assignee));
    if (assigneeText !== null) {
      assigneeId = members.get(assigneeText.toLowerCase()) ?? null;
      if (!assigneeId) add("assignee", `${assigneeText} is not a member of this project`);
    }

    let key: string | null = null;
    if (mapping.externalKey !== null) {
      const keyText = textOf(cell(row, mapping.externalKey));
      if (keyText === null)
        add("externalKey", "Required: the key lets a re-import find this row's item");
      else if (keyText.length > IMPORT_KEY_MAX_LENGTH)
        add("externalKey", `At most ${IMPORT_KEY_MAX_LENGTH} characters`);
      else key = `key:${keyText}`;
    }
    if (Object.keys(errors).length > 0) return { ok: false, number: row.number, errors };

    const titleValue = title.success ? title.data : "";
    key ??= digest([titleValue, stored, state, assigneeId]);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const path = mapping.externalKey === null ? "row" : "externalKey";
      const message =
        mapping.externalKey === null
          ? `The same as row ${earlier}: it would make the same item`
          : `The same key as row ${earlier}`;
      return { ok: false, number: row.number, errors: { [path]: [message] } };
    }
    seen.set(key, row.number);
    return {
      ok: true,
      candidate: { number: row.number, key, title: titleValue, data: stored, state, assigneeId },
    };
  };
}
