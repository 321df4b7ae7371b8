import { describe, expect, it } from "vitest";

import {
  suggestImportMapping,
  ZImportMappingSchema,
  type ImportMappingInput,
} from "@fastnext/validators";
import { type WorkflowDefinition } from "@fastnext/workflow";

import { AppError } from "../src/errors";
import {
  checkMapping,
  createRowChecker,
  type ImportCell,
  type ImportRow,
} from "../src/transfers/import";

const DEFINITION: WorkflowDefinition = {
  dataFields: [
    { key: "amount", label: "Amount", type: "number", required: true },
    { key: "urgent", label: "Urgent", type: "boolean", required: false },
    { key: "due", label: "Due date", type: "date", required: false },
    { key: "kind", label: "Kind", type: "enum", required: false, options: ["Travel", "Food"] },
    { key: "note", label: "Note", type: "string", required: false },
  ],
  states: [
    { key: "open", name: "Open", kind: "initial" },
    { key: "done", name: "Done", kind: "final" },
  ],
  transitions: [
    {
      key: "finish",
      name: "Finish",
      from: ["open"],
      to: "done",
      allowed: {},
      requiresComment: false,
    },
  ],
};

const MEMBER = "0b6c7b48-6a43-4f61-9f35-0d5c3c1f3a11";

function mapping(input: Partial<ImportMappingInput> = {}) {
  return ZImportMappingSchema.parse({
    title: "Title",
    fields: { amount: "Amount", urgent: "Urgent", due: "Due", kind: "Kind", note: "Note" },
    ...input,
  });
}

function row(number: number, cells: Record<string, ImportCell>): ImportRow {
  return { number, cells: new Map(Object.entries(cells)), problems: [] };
}

function checker(input: Partial<ImportMappingInput> = {}) {
  return createRowChecker({
    definition: DEFINITION,
    mapping: mapping(input),
    members: new Map([["ana@example.com", MEMBER]]),
  });
}

function mappingRefusal(columns: string[], complete: boolean, input: Partial<ImportMappingInput>) {
  try {
    checkMapping({ columns, columnsComplete: complete }, DEFINITION, mapping(input));
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("the mapping was accepted");
}

describe("column mapping", () => {
  it("suggests columns by field key or label, ignoring case and spacing", () => {
    expect(
      suggestImportMapping(
        ["Name", "AMOUNT", "due_date", "Status", "Assignee email", "External key"],
        DEFINITION.dataFields,
      ),
    ).toEqual({
      title: "Name",
      fields: { amount: "AMOUNT", due: "due_date" },
      state: "Status",
      assignee: "Assignee email",
      externalKey: "External key",
    });
  });

  it("refuses a header without the title or a required field's column", () => {
    const error = mappingRefusal(["Name", "Urgent", "Due", "Kind", "Note"], true, {});
    expect(error.reason).toBe("import_missing_columns");
    expect(error.fieldErrors).toEqual({
      "mapping.title": ['The file has no column "Title"'],
      "mapping.fields.amount": ['The file has no column "Amount"'],
    });
  });

  it("refuses a required field left unmapped and a field the template does not have", () => {
    const error = mappingRefusal(["Title", "Amount"], true, { fields: { colour: "Amount" } });
    expect(error.fieldErrors).toEqual({
      "mapping.fields.colour": ["Not a field of this template"],
      "mapping.fields.amount": ['"Amount" is required: choose its column'],
    });
  });

  it("lets JSON objects leave out an optional column the first object lacked", () => {
    const columns = ["Title", "Amount"];
    expect(() =>
      checkMapping({ columns, columnsComplete: false }, DEFINITION, mapping()),
    ).not.toThrow();
    expect(mappingRefusal(columns, true, {}).fieldErrors).toHaveProperty(["mapping.fields.note"]);
  });
});

describe("row checks", () => {
  it("turns spreadsheet text into field values", () => {
    const check = checker({ state: "State", assignee: "Who" });
    const result = check(
      row(2, {
        Title: "  Trip to Lyon ",
        Amount: "1250.50",
        Urgent: "Yes",
        Due: { kind: "date", value: new Date(Date.UTC(2026, 4, 1)) },
        Kind: "travel",
        Note: 42,
        State: "DONE",
        Who: "Ana@Example.com",
      }),
    );
    expect(result).toEqual({
      ok: true,
      candidate: {
        number: 2,
        key: expect.stringMatching(/^row:/) as string,
        title: "Trip to Lyon",
        data: { amount: 1250.5, urgent: true, due: "2026-05-01", kind: "Travel", note: "42" },
        state: "done",
        assigneeId: MEMBER,
      },
    });
  });

  it("gives every problem of a row by field", () => {
    const check = checker({ state: "State", assignee: "Who" });
    const result = check(
      row(7, {
        Title: "",
        Amount: "12,5",
        Urgent: "maybe",
        Due: "01/05/2026",
        Kind: "Hotel",
        Note: { kind: "formula", formula: "A1*2" },
        State: "archived",
        Who: "stranger@example.com",
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.number).toBe(7);
    expect(Object.keys(result.errors).sort()).toEqual(
      ["assignee", "data.amount", "data.kind", "data.note", "data.urgent", "state", "title"].sort(),
    );
    expect(result.errors["data.amount"]).toEqual(['"12,5" is not a number']);
    expect(result.errors["data.note"]?.[0]).toMatch(/^A formula cell/);
    expect(result.errors.assignee).toEqual([
      "stranger@example.com is not a member of this project",
    ]);
  });

  it("checks what converted with the template's own schema", () => {
    const result = checker()(row(3, { Title: "x", Amount: "1", Due: "2026-02-30" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(["data.due"]);
  });

  it("requires a required field's value and refuses spreadsheet errors and nested values", () => {
    const result = checker()(
      row(4, { Title: { kind: "error", text: "#N/A" }, Amount: null, Note: { kind: "nested" } }),
    );
    expect(result).toEqual({
      ok: false,
      number: 4,
      errors: {
        title: ["The cell holds the spreadsheet error #N/A"],
        "data.amount": ["Required"],
        "data.note": ["An object or a list: a cell must hold a single value"],
      },
    });
  });

  it("keys rows by their external key, refusing a key used twice in the file", () => {
    const check = checker({ externalKey: "Ref" });
    const first = check(row(2, { Title: "a", Amount: 1, Ref: "INV-1" }));
    expect(first.ok && first.candidate.key).toBe("key:INV-1");
    expect(check(row(3, { Title: "b", Amount: 2, Ref: "INV-1" }))).toEqual({
      ok: false,
      number: 3,
      errors: { externalKey: ["The same key as row 2"] },
    });
    expect(check(row(4, { Title: "c", Amount: 2, Ref: " " }))).toMatchObject({
      ok: false,
      errors: { externalKey: [expect.stringMatching(/^Required/) as string] },
    });
  });

  it("keys rows without a key column by their content: a repeated row is refused", () => {
    const check = checker();
    const a = check(row(2, { Title: "a", Amount: "1" }));
    const b = check(row(3, { Title: "b", Amount: "1" }));
    expect(a.ok && b.ok && a.candidate.key !== b.candidate.key).toBe(true);
    expect(check(row(4, { Title: "a", Amount: 1 }))).toEqual({
      ok: false,
      number: 4,
      errors: { row: ["The same as row 2: it would make the same item"] },
    });
    // The same content checked again by a fresh run has the same key: a re-import finds it.
    const again = checker()(row(9, { Title: "a", Amount: 1 }));
    expect(again.ok && a.ok && again.candidate.key === a.candidate.key).toBe(true);
  });

  it("passes a reader's problem on as the row's", () => {
    const result = checker()({ ...row(5, { Title: "a", Amount: 1 }), problems: ["extra cells"] });
    expect(result).toEqual({ ok: false, number: 5, errors: { row: ["extra cells"] } });
  });
});
