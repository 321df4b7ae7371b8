"use client";

import { useState } from "react";

import { type DataField, type FieldType, type GuardValue } from "@fastnext/workflow";

import { Button } from "../../ui/button";
import { Checkbox, SelectField, TextField } from "../../ui/field";
import { Icon } from "../../ui/icons";
import {
  childPath,
  fieldTypeOf,
  newRule,
  notPath,
  operatorsFor,
  parseValue,
  parseValueList,
  withField,
  withOperator,
  type ConditionNode,
  type ConditionProblems,
  type NodePath,
  type RuleNode,
  type RuleOp,
} from "./condition-model";

const ORDERED_LABEL: Record<"number" | "date" | "string", Record<RuleOp, string>> = {
  number: {
    eq: "equals",
    ne: "does not equal",
    gt: "is greater than",
    gte: "is at least",
    lt: "is less than",
    lte: "is at most",
    in: "is one of",
    exists: "is set",
  },
  date: {
    eq: "is on",
    ne: "is not on",
    gt: "is after",
    gte: "is on or after",
    lt: "is before",
    lte: "is on or before",
    in: "is one of",
    exists: "is set",
  },
  string: {
    eq: "is",
    ne: "is not",
    gt: "comes after (A–Z)",
    gte: "is or comes after (A–Z)",
    lt: "comes before (A–Z)",
    lte: "is or comes before (A–Z)",
    in: "is one of",
    exists: "is set",
  },
};

function operatorLabel(type: FieldType, op: RuleOp): string {
  return ORDERED_LABEL[type === "number" || type === "date" ? type : "string"][op];
}

function valueText(value: GuardValue | null): string {
  return value === null ? "" : String(value);
}

export interface NodeViewProps {
  node: ConditionNode;
  path: NodePath;
  /** The node's number for its labels: "2.1" (empty for the root). */
  position: string;
  fields: readonly DataField[];
  problems: ConditionProblems;
  /** Replaces this node (null removes it). */
  onChange: (node: ConditionNode | null) => void;
}

/** One node of the condition: a rule, an all/any group, or a "not" around one of them. */
export function ConditionNodeView(props: NodeViewProps) {
  const { node } = props;
  if (node.kind === "rule") return <RuleView {...props} rule={node} />;
  if (node.kind === "group") return <GroupView {...props} group={node} />;
  const { path, position, onChange } = props;
  const name = position ? `Not ${position}` : "Not";
  return (
    <div className="condition-not" role="group" aria-label={name}>
      <div className="condition-head">
        <span className="condition-badge">Not</span>
        <span className="small muted">Met when the condition inside is not.</span>
        <Button
          size="sm"
          variant="ghost"
          aria-label={`Remove “not” of ${position ? `condition ${position}` : "the condition"}`}
          onClick={() => onChange(node.child)}
        >
          Remove “not”
        </Button>
      </div>
      <ConditionNodeView
        {...props}
        node={node.child}
        path={notPath(path)}
        onChange={(child) => onChange(child ? { ...node, child } : null)}
      />
    </div>
  );
}

function GroupView({
  group,
  path,
  position,
  fields,
  problems,
  onChange,
}: NodeViewProps & { group: Extract<ConditionNode, { kind: "group" }> }) {
  const name = position ? `Group ${position}` : "Group";
  const problem = problems.get(path);
  const setChild = (index: number, child: ConditionNode | null) =>
    onChange({
      ...group,
      children: child
        ? group.children.map((existing, at) => (at === index ? child : existing))
        : group.children.filter((_, at) => at !== index),
    });
  return (
    <div
      className="condition-group"
      role="group"
      aria-label={name}
      data-invalid={problem ? true : undefined}
    >
      <div className="condition-head">
        <SelectField
          label={`${name}: match`}
          hideLabel
          className="condition-match"
          value={group.op}
          onChange={(event) =>
            onChange({ ...group, op: event.target.value === "or" ? "or" : "and" })
          }
        >
          <option value="and">All of these</option>
          <option value="or">Any of these</option>
        </SelectField>
        <NodeActions name={name} node={group} onChange={onChange} />
      </div>
      {problem ? <p className="field-error">{problem}</p> : null}
      <ol className="condition-children">
        {group.children.map((child, index) => {
          const at = position ? `${position}.${index + 1}` : String(index + 1);
          return (
            <li key={index}>
              <ConditionNodeView
                node={child}
                path={childPath(path, index)}
                position={at}
                fields={fields}
                problems={problems}
                onChange={(next) => setChild(index, next)}
              />
            </li>
          );
        })}
      </ol>
      <div className="cluster">
        <Button
          size="sm"
          aria-label={`Add a rule to ${name.toLowerCase()}`}
          onClick={() => onChange({ ...group, children: [...group.children, newRule(fields)] })}
        >
          <Icon name="plus" /> Rule
        </Button>
        <Button
          size="sm"
          aria-label={`Add a group to ${name.toLowerCase()}`}
          onClick={() =>
            onChange({
              ...group,
              children: [
                ...group.children,
                {
                  kind: "group",
                  op: group.op === "and" ? "or" : "and",
                  children: [newRule(fields)],
                },
              ],
            })
          }
        >
          <Icon name="plus" /> Group
        </Button>
      </div>
    </div>
  );
}

/** Negate and remove, as every rule and group has them. */
function NodeActions({
  name,
  node,
  onChange,
}: {
  name: string;
  node: ConditionNode;
  onChange: (node: ConditionNode | null) => void;
}) {
  const lower = name.charAt(0).toLowerCase() + name.slice(1);
  return (
    <span className="cluster condition-actions">
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Negate ${lower}`}
        title="Met when this is not"
        onClick={() => onChange({ kind: "not", child: node })}
      >
        Not
      </Button>
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Remove ${lower}`}
        onClick={() => onChange(null)}
      >
        <Icon name="trash" />
      </Button>
    </span>
  );
}

function RuleView({
  rule,
  path,
  position,
  fields,
  problems,
  onChange,
}: NodeViewProps & { rule: RuleNode }) {
  const name = position ? `Rule ${position}` : "Rule";
  const type = fieldTypeOf(rule, fields);
  const known = fields.find((field) => field.key === rule.field);
  const operators = operatorsFor(type);
  const problem = problems.get(path);
  return (
    <div
      className="condition-rule"
      role="group"
      aria-label={name}
      data-invalid={problem ? true : undefined}
    >
      <div className="condition-rule-controls">
        <SelectField
          label="Field"
          value={rule.field}
          error={rule.field !== "" && !known ? "Not a data field of this template" : undefined}
          onChange={(event) => {
            const key = event.target.value;
            onChange(
              withField(
                rule,
                fields.find((field) => field.key === key),
                key,
              ),
            );
          }}
        >
          {rule.field === "" ? <option value="">Choose…</option> : null}
          {/* A key no field has any more stays visible, so the error beside it makes sense. */}
          {rule.field !== "" && !known ? (
            <option value={rule.field}>{rule.field} (no such field)</option>
          ) : null}
          {fields.map((field, at) => (
            <option key={`${field.key}-${at}`} value={field.key}>
              {field.label || field.key}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Operator"
          value={rule.op}
          onChange={(event) => {
            const op = operators.find((candidate) => candidate === event.target.value);
            if (op) onChange(withOperator(rule, op));
          }}
        >
          {/* An operator this type does not take stays visible until changed (publish refuses it). */}
          {operators.includes(rule.op) ? null : (
            <option value={rule.op}>{rule.op} (not for this field)</option>
          )}
          {operators.map((op) => (
            <option key={op} value={op}>
              {operatorLabel(type, op)}
            </option>
          ))}
        </SelectField>
        {rule.op === "exists" ? null : (
          <RuleValue rule={rule} type={type} field={known} onChange={onChange} />
        )}
        <NodeActions name={name} node={rule} onChange={onChange} />
      </div>
      {problem ? <p className="field-error">{problem}</p> : null}
    </div>
  );
}

/** The value input that suits the field: a number box, a date picker, yes/no, the choices. */
function RuleValue({
  rule,
  type,
  field,
  onChange,
}: {
  rule: RuleNode;
  type: FieldType;
  field: DataField | undefined;
  onChange: (node: RuleNode) => void;
}) {
  const choices: GuardValue[] =
    type === "boolean" ? [true, false] : type === "enum" ? (field?.options ?? []) : [];
  const choiceLabel = (value: GuardValue) =>
    value === true ? "Yes" : value === false ? "No" : String(value);

  if (rule.op === "in") {
    if (choices.length > 0) {
      return (
        <fieldset className="choice-group condition-values">
          <legend>Values</legend>
          {choices.map((choice) => (
            <Checkbox
              key={String(choice)}
              label={choiceLabel(choice)}
              checked={rule.values.includes(choice)}
              onChange={(event) =>
                onChange({
                  ...rule,
                  // Kept in the choices' order, so the JSON does not depend on click order.
                  values: choices.filter((candidate) =>
                    candidate === choice ? event.target.checked : rule.values.includes(candidate),
                  ),
                })
              }
            />
          ))}
        </fieldset>
      );
    }
    return (
      <ValueListInput
        type={type}
        values={rule.values}
        onChange={(values) => onChange({ ...rule, values })}
      />
    );
  }
  if (choices.length > 0) {
    const current = rule.value;
    return (
      <SelectField
        label="Value"
        value={valueText(current)}
        onChange={(event) => onChange({ ...rule, value: parseValue(type, event.target.value) })}
      >
        {current === null ? <option value="">Choose…</option> : null}
        {current !== null && !choices.includes(current) ? (
          <option value={valueText(current)}>{valueText(current)} (not a choice)</option>
        ) : null}
        {choices.map((choice) => (
          <option key={String(choice)} value={String(choice)}>
            {choiceLabel(choice)}
          </option>
        ))}
      </SelectField>
    );
  }
  const plainDate = typeof rule.value !== "string" || /^\d{4}-\d{2}-\d{2}$/.test(rule.value);
  return (
    <NumberOrTextInput
      type={type === "number" ? "number" : type === "date" && plainDate ? "date" : "text"}
      fieldType={type}
      value={rule.value}
      onChange={(value) => onChange({ ...rule, value })}
    />
  );
}

/**
 * Text the author is typing, kept while it still reads as the rule's value
 * (so "1." or a half-typed list is not rewritten under the cursor), and
 * replaced when the value changed elsewhere (the JSON view, another field).
 */
function useTypedText<T>(value: T, read: (text: string) => T, show: (value: T) => string) {
  const [text, setText] = useState(() => show(value));
  if (JSON.stringify(read(text)) !== JSON.stringify(value)) {
    const shown = show(value);
    if (shown !== text) setText(shown);
  }
  return [text, setText] as const;
}

function NumberOrTextInput({
  type,
  fieldType,
  value,
  onChange,
}: {
  type: "number" | "date" | "text";
  fieldType: FieldType;
  value: GuardValue | null;
  onChange: (value: GuardValue | null) => void;
}) {
  const [text, setText] = useTypedText(value, (typed) => parseValue(fieldType, typed), valueText);
  return (
    <TextField
      label="Value"
      type={type}
      inputMode={type === "number" ? "decimal" : undefined}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseValue(fieldType, event.target.value));
      }}
    />
  );
}

function ValueListInput({
  type,
  values,
  onChange,
}: {
  type: FieldType;
  values: GuardValue[];
  onChange: (values: GuardValue[]) => void;
}) {
  const [text, setText] = useTypedText(
    values,
    (typed) => parseValueList(type, typed),
    (list) => list.map(valueText).join(", "),
  );
  return (
    <TextField
      label="Values"
      hint={
        type === "date" ? "Dates such as 2024-05-01, separated by commas" : "Separated by commas"
      }
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseValueList(type, event.target.value));
      }}
    />
  );
}
