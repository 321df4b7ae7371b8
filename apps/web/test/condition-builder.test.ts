import { describe, expect, it } from "vitest";

import {
  FIELD_TYPES,
  validateDefinition,
  type DataField,
  type FieldType,
  type Guard,
  type WorkflowDefinition,
} from "@fastnext/workflow";

import {
  fromConditionNode,
  newRule,
  operatorsFor,
  parseValue,
  parseValueList,
  RULE_OPS,
  toConditionNode,
  withField,
  withOperator,
  type ConditionNode,
  type RuleNode,
} from "../src/components/workflows/editor/condition-model";

const FIELDS: DataField[] = [
  { key: "amount", label: "Amount", type: "number", required: false },
  { key: "note", label: "Note", type: "string", required: false },
  { key: "urgent", label: "Urgent", type: "boolean", required: false },
  { key: "due", label: "Due", type: "date", required: false },
  { key: "category", label: "Category", type: "enum", required: false, options: ["it", "travel"] },
];

function roundTrip(guard: Guard): Guard | undefined {
  const result = fromConditionNode(toConditionNode(guard));
  return result.ok ? result.guard : undefined;
}

function rule(partial: Partial<RuleNode>): RuleNode {
  return { kind: "rule", field: "amount", op: "eq", value: 1, values: [], ...partial };
}

describe("the condition builder's model and the engine's JSON", () => {
  const comparisons: Guard[] = [
    { op: "eq", field: "amount", value: 1000 },
    { op: "ne", field: "note", value: "" },
    { op: "gt", field: "amount", value: -2.5 },
    { op: "gte", field: "due", value: "2024-05-01" },
    { op: "lt", field: "due", value: "2024-05-01T10:00:00Z" },
    { op: "lte", field: "note", value: "m" },
    { op: "eq", field: "urgent", value: false },
    { op: "in", field: "category", values: ["travel", "it"] },
    { op: "in", field: "amount", values: [1, 2, 3] },
    { op: "exists", field: "due" },
  ];

  it("round-trips a rule of every operator the grammar has", () => {
    const seen = new Set(comparisons.map((guard) => guard.op));
    expect([...seen].sort()).toEqual([...RULE_OPS].sort());
    for (const guard of comparisons) expect(roundTrip(guard)).toEqual(guard);
  });

  it("round-trips nested all/any groups and not, including a double not", () => {
    const nested: Guard = {
      op: "and",
      all: [
        { op: "lte", field: "amount", value: 1000 },
        {
          op: "or",
          all: [
            { op: "not", guard: { op: "in", field: "category", values: ["it"] } },
            { op: "not", guard: { op: "not", guard: { op: "exists", field: "due" } } },
            { op: "and", all: [{ op: "eq", field: "urgent", value: true }] },
          ],
        },
      ],
    };
    expect(roundTrip(nested)).toEqual(nested);
    expect(roundTrip({ op: "not", guard: nested })).toEqual({ op: "not", guard: nested });
  });

  it("says what is missing, by node, instead of building a guard from an unfinished builder", () => {
    const node: ConditionNode = {
      kind: "group",
      op: "and",
      children: [
        rule({ value: null }),
        rule({ field: "" }),
        rule({ op: "in", values: [] }),
        { kind: "not", child: { kind: "group", op: "or", children: [] } },
        rule({ op: "exists", value: null }),
      ],
    };
    const result = fromConditionNode(node);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.fromEntries(result.problems)).toEqual({
      "0": "Enter a value.",
      "1": "Choose a field.",
      "2": "Choose at least one value.",
      "3.not": "Add a rule to this group, or remove it.",
    });
  });

  it("refuses what the engine's schema refuses, such as a field that is not a key", () => {
    const result = fromConditionNode(rule({ field: "Amount" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.get("")).toMatch(/lowercase slug/);
  });
});

describe("operators by field type", () => {
  function definitionWith(guard: Guard): WorkflowDefinition {
    return {
      dataFields: FIELDS,
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
          allowed: { projectRoles: ["owner"] },
          guard,
          requiresComment: false,
        },
      ],
    };
  }
  const sample: Record<FieldType, { field: string; value: string | number | boolean }> = {
    number: { field: "amount", value: 5 },
    string: { field: "note", value: "x" },
    boolean: { field: "urgent", value: true },
    date: { field: "due", value: "2024-05-01" },
    enum: { field: "category", value: "it" },
  };

  it("offers exactly the operators the publish check accepts for each type", () => {
    for (const type of FIELD_TYPES) {
      const { field, value } = sample[type];
      for (const op of RULE_OPS) {
        const guard: Guard =
          op === "exists"
            ? { op, field }
            : op === "in"
              ? { op, field, values: [value] }
              : { op, field, value };
        const accepted = validateDefinition(definitionWith(guard)).ok;
        expect({ type, op, offered: operatorsFor(type).includes(op) }).toEqual({
          type,
          op,
          offered: accepted,
        });
      }
    }
  });
});

describe("editing a rule", () => {
  it("starts on the first field with a value that fits it", () => {
    expect(newRule(FIELDS)).toEqual(rule({ value: null }));
    expect(newRule([FIELDS[4] as DataField])).toEqual(rule({ field: "category", value: "it" }));
    expect(newRule([])).toEqual(rule({ field: "", value: null }));
  });

  it("keeps the operator and value on a new field when they fit, and resets them when not", () => {
    const amount = rule({ op: "gt", value: 10, values: [10, 20] });
    expect(withField(amount, FIELDS[0], "amount")).toEqual(amount);
    // An enum has no order and 10 is not one of its choices.
    expect(withField(amount, FIELDS[4], "category")).toEqual(
      rule({ field: "category", op: "eq", value: "it", values: [] }),
    );
    expect(withField(rule({ op: "exists" }), FIELDS[2], "urgent")).toEqual(
      rule({ field: "urgent", op: "exists", value: true }),
    );
  });

  it("hands the value over between a comparison and 'is one of'", () => {
    const inList = withOperator(rule({ value: 7 }), "in");
    expect(inList).toEqual(rule({ op: "in", value: 7, values: [7] }));
    expect(withOperator(rule({ op: "in", value: null, values: [3, 4] }), "lt")).toEqual(
      rule({ op: "lt", value: 3, values: [3, 4] }),
    );
  });

  it("reads typed values as the field's type, and nothing usable as null", () => {
    expect(parseValue("number", "12.5")).toBe(12.5);
    expect(parseValue("number", "")).toBeNull();
    expect(parseValue("number", "abc")).toBeNull();
    expect(parseValue("boolean", "false")).toBe(false);
    expect(parseValue("date", " 2024-05-01 ")).toBe("2024-05-01");
    expect(parseValue("string", " padded ")).toBe(" padded ");
    expect(parseValueList("number", "1, 2,, x, 3")).toEqual([1, 2, 3]);
    expect(parseValueList("string", "a, b ,")).toEqual(["a", "b"]);
  });
});
