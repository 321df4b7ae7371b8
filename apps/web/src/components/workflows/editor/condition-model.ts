import {
  COMPARISON_OPS,
  ZGuardSchema,
  type DataField,
  type FieldType,
  type Guard,
  type GuardValue,
} from "@fastnext/workflow";

/**
 * The condition builder's model of a guard. It mirrors the grammar node for
 * node (a group is and/or, "not" wraps one condition, a rule is one
 * comparison) so that any condition the engine accepts opens in the builder
 * and comes back out unchanged. Unlike a guard it may be unfinished while
 * the author edits: a rule without a value, a group without rules.
 */
export type RuleOp = Exclude<Guard["op"], "and" | "or" | "not">;

export interface RuleNode {
  kind: "rule";
  field: string;
  op: RuleOp;
  /** The compared value (null until entered); read by the comparison operators. */
  value: GuardValue | null;
  /** The accepted values; read by "in". Both are kept so switching operator keeps what was typed. */
  values: GuardValue[];
}

export interface GroupNode {
  kind: "group";
  op: "and" | "or";
  children: ConditionNode[];
}

export interface NotNode {
  kind: "not";
  child: ConditionNode;
}

export type ConditionNode = RuleNode | GroupNode | NotNode;

export const RULE_OPS: readonly RuleOp[] = [...COMPARISON_OPS, "in", "exists"];

/** Where a node sits: the child positions from the root ("" is the root). */
export type NodePath = string;

export function childPath(path: NodePath, index: number): NodePath {
  return path === "" ? String(index) : `${path}.${index}`;
}

export function notPath(path: NodePath): NodePath {
  return path === "" ? "not" : `${path}.not`;
}

export function toConditionNode(guard: Guard): ConditionNode {
  switch (guard.op) {
    case "and":
    case "or":
      return { kind: "group", op: guard.op, children: guard.all.map(toConditionNode) };
    case "not":
      return { kind: "not", child: toConditionNode(guard.guard) };
    case "exists":
      return { kind: "rule", field: guard.field, op: "exists", value: null, values: [] };
    case "in":
      return {
        kind: "rule",
        field: guard.field,
        op: "in",
        value: guard.values[0] ?? null,
        values: [...guard.values],
      };
    default:
      return {
        kind: "rule",
        field: guard.field,
        op: guard.op,
        value: guard.value,
        values: [guard.value],
      };
  }
}

/** What keeps a node from being a condition yet, by the node's path. */
export type ConditionProblems = ReadonlyMap<NodePath, string>;

export type ConditionResult =
  { ok: true; guard: Guard } | { ok: false; problems: ConditionProblems };

function collect(node: ConditionNode, path: NodePath, problems: Map<NodePath, string>): void {
  switch (node.kind) {
    case "group":
      if (node.children.length === 0) problems.set(path, "Add a rule to this group, or remove it.");
      node.children.forEach((child, index) => collect(child, childPath(path, index), problems));
      return;
    case "not":
      collect(node.child, notPath(path), problems);
      return;
    case "rule":
      if (node.field === "") problems.set(path, "Choose a field.");
      else if (node.op === "in" && node.values.length === 0)
        problems.set(path, "Choose at least one value.");
      else if (node.op !== "in" && node.op !== "exists" && node.value === null)
        problems.set(path, "Enter a value.");
  }
}

function build(node: ConditionNode): Guard {
  switch (node.kind) {
    case "group":
      return { op: node.op, all: node.children.map(build) };
    case "not":
      return { op: "not", guard: build(node.child) };
    case "rule":
      if (node.op === "exists") return { op: "exists", field: node.field };
      if (node.op === "in") return { op: "in", field: node.field, values: [...node.values] };
      return { op: node.op, field: node.field, value: node.value ?? "" };
  }
}

/**
 * The guard a finished builder stands for, checked by the engine's own
 * schema; or what is still missing, by node, for the builder to show.
 */
export function fromConditionNode(node: ConditionNode): ConditionResult {
  const problems = new Map<NodePath, string>();
  collect(node, "", problems);
  if (problems.size > 0) return { ok: false, problems };
  const parsed = ZGuardSchema.safeParse(build(node));
  if (!parsed.success) {
    return {
      ok: false,
      problems: new Map([["", parsed.error.issues[0]?.message ?? "Not a valid condition."]]),
    };
  }
  return { ok: true, guard: parsed.data };
}

/**
 * The type a rule's field has: the data field's, or for a key the template
 * does not (or no longer) define, the type its value suggests, so the value
 * keeps a fitting input until the author picks a real field.
 */
export function fieldTypeOf(rule: RuleNode, fields: readonly DataField[]): FieldType {
  const field = fields.find((candidate) => candidate.key === rule.field);
  if (field) return field.type;
  const sample = rule.op === "in" ? rule.values[0] : rule.value;
  if (typeof sample === "number") return "number";
  if (typeof sample === "boolean") return "boolean";
  return "string";
}

/**
 * The operators the engine accepts for a type: booleans and choices have
 * no order (the publish check refuses gt/lt on them), everything else has.
 */
export function operatorsFor(type: FieldType): readonly RuleOp[] {
  return type === "boolean" || type === "enum"
    ? RULE_OPS.filter((op) => op === "eq" || op === "ne" || op === "in" || op === "exists")
    : RULE_OPS;
}

const DATE = /^\d{4}-\d{2}-\d{2}(?:T.*)?$/;

/** Whether a value can stay when a rule's field changes to one of this type. */
export function valueFits(field: DataField, value: GuardValue): boolean {
  switch (field.type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "date":
      return typeof value === "string" && DATE.test(value);
    case "enum":
      return typeof value === "string" && (field.options ?? []).includes(value);
  }
}

/** The value a new rule on this field starts with (null: the author must enter one). */
export function initialValue(field: DataField | undefined): GuardValue | null {
  switch (field?.type) {
    case "string":
      return "";
    case "boolean":
      return true;
    case "enum":
      return field.options?.[0] ?? null;
    default:
      return null;
  }
}

export function newRule(fields: readonly DataField[]): RuleNode {
  const field = fields[0];
  const value = initialValue(field);
  return { kind: "rule", field: field?.key ?? "", op: "eq", value, values: [] };
}

/**
 * A rule moved to another field: the operator stays when the new field's
 * type allows it, values stay when they fit it.
 */
export function withField(rule: RuleNode, field: DataField | undefined, key: string): RuleNode {
  if (!field) return { ...rule, field: key };
  const op = operatorsFor(field.type).includes(rule.op) ? rule.op : "eq";
  const value =
    rule.value !== null && valueFits(field, rule.value) ? rule.value : initialValue(field);
  const values = rule.values.filter((candidate) => valueFits(field, candidate));
  return { kind: "rule", field: key, op, value, values };
}

/** A rule switched to another operator; "in" and the comparisons hand their values over. */
export function withOperator(rule: RuleNode, op: RuleOp): RuleNode {
  if (op === "in" && rule.values.length === 0 && rule.value !== null) {
    return { ...rule, op, values: [rule.value] };
  }
  if (op !== "in" && op !== "exists" && rule.value === null && rule.values[0] !== undefined) {
    return { ...rule, op, value: rule.values[0] };
  }
  return { ...rule, op };
}

/** Reads what an input holds as a value of the field's type (null: nothing usable yet). */
export function parseValue(type: FieldType, text: string): GuardValue | null {
  switch (type) {
    case "number": {
      if (text.trim() === "") return null;
      const number = Number(text);
      return Number.isFinite(number) ? number : null;
    }
    case "boolean":
      return text === "true" ? true : text === "false" ? false : null;
    case "date":
      return text.trim() === "" ? null : text.trim();
    default:
      return text;
  }
}

/** A comma-separated list typed for "in", as values of the field's type. */
export function parseValueList(type: FieldType, text: string): GuardValue[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .flatMap((part) => {
      const value = parseValue(type, part);
      return value === null ? [] : [value];
    });
}
