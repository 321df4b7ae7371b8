"use client";

import { useId, useState } from "react";

import { describeGuard, ZGuardSchema, type DataField, type Guard } from "@fastnext/workflow";

import { Button } from "../../ui/button";
import { TextareaField } from "../../ui/field";
import { Icon } from "../../ui/icons";
import { ConditionNodeView } from "./condition-builder";
import {
  fromConditionNode,
  newRule,
  toConditionNode,
  type ConditionNode,
  type ConditionProblems,
} from "./condition-model";

const NO_PROBLEMS: ConditionProblems = new Map();

const SHAPES =
  'expected {"op", "field", "value"} (op eq, ne, gt, gte, lt or lte), {"op": "in", "field", "values"}, {"op": "exists", "field"}, {"op": "and" or "or", "all"} or {"op": "not", "guard"}';

function jsonOf(guard: Guard | undefined): string {
  return guard ? JSON.stringify(guard, null, 2) : "";
}

/** Reads the advanced view's text: a guard, none (empty), or why it is not one. */
function readJson(text: string): { guard: Guard | undefined } | { problem: string } {
  if (text.trim() === "") return { guard: undefined };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: "Not valid JSON yet: the builder keeps the last valid condition." };
  }
  const parsed = ZGuardSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join(".")})` : "";
    // A union's own message ("Invalid input") says nothing; the shapes it allows do.
    const why =
      issue === undefined || issue.code === "invalid_union" ? SHAPES : issue.message.toLowerCase();
    return {
      problem: `Not a valid condition${where}: ${why}. The builder keeps the last valid condition.`,
    };
  }
  return { guard: parsed.data };
}

/**
 * A transition's condition on the item's data: built from rules and
 * all/any/not groups, with the engine's JSON as an advanced view. Both
 * edit one condition; the definition changes only when what was edited is
 * a complete, valid condition (or none), so an unfinished rule or broken
 * JSON never replaces a working one.
 */
export function GuardInput({
  guard,
  fields,
  onChange,
  serverError,
}: {
  guard: Guard | undefined;
  fields: readonly DataField[];
  onChange: (guard: Guard | undefined) => void;
  serverError: string | undefined;
}) {
  const jsonId = useId();
  const [node, setNode] = useState<ConditionNode | null>(() =>
    guard ? toConditionNode(guard) : null,
  );
  const [text, setText] = useState(() => jsonOf(guard));
  const [jsonProblem, setJsonProblem] = useState<string | null>(null);
  const [advanced, setAdvanced] = useState(false);
  // The guard this input last stood for. Rows are keyed by position, so the
  // definition can hand this input another transition's guard (a row above
  // was removed): then builder and text start again from it.
  const [seen, setSeen] = useState(guard);
  if (seen !== guard) {
    setSeen(guard);
    const current = node ? fromConditionNode(node) : { ok: true as const, guard: undefined };
    if (!current.ok || JSON.stringify(current.guard) !== JSON.stringify(guard)) {
      setNode(guard ? toConditionNode(guard) : null);
      setText(jsonOf(guard));
      setJsonProblem(null);
    }
  }

  const result = node ? fromConditionNode(node) : null;
  const problems = result && !result.ok ? result.problems : NO_PROBLEMS;

  const editNode = (next: ConditionNode | null) => {
    setNode(next);
    setJsonProblem(null);
    if (next === null) {
      setText("");
      onChange(undefined);
      return;
    }
    const built = fromConditionNode(next);
    if (built.ok) {
      setText(jsonOf(built.guard));
      onChange(built.guard);
    }
  };

  const summary =
    result === null
      ? "No condition: the step is open whenever its roles allow."
      : result.ok
        ? `Only when ${describeGuard(result.guard)}`
        : "Unfinished: the transition keeps its last complete condition until the marked rules are filled in.";

  return (
    <fieldset className="condition-builder">
      <legend>Condition (optional)</legend>
      <p className="small muted" aria-live="polite">
        {summary}
      </p>
      {node ? (
        <ConditionNodeView
          node={node}
          path=""
          position=""
          fields={fields}
          problems={problems}
          onChange={editNode}
        />
      ) : (
        <div className="cluster">
          <Button size="sm" onClick={() => editNode(newRule(fields))}>
            <Icon name="plus" /> Add a condition
          </Button>
        </div>
      )}
      {node && node.kind !== "group" ? (
        // A single rule (or its "not") grows into a group by adding a second one.
        <div className="cluster">
          <Button
            size="sm"
            onClick={() =>
              editNode({ kind: "group", op: "and", children: [node, newRule(fields)] })
            }
          >
            <Icon name="plus" /> And another rule
          </Button>
          <Button
            size="sm"
            onClick={() => editNode({ kind: "group", op: "or", children: [node, newRule(fields)] })}
          >
            <Icon name="plus" /> Or another rule
          </Button>
        </div>
      ) : null}
      {serverError ? <p className="field-error">{serverError}</p> : null}
      <div>
        <Button
          size="sm"
          variant="ghost"
          aria-expanded={advanced}
          aria-controls={jsonId}
          onClick={() => setAdvanced(!advanced)}
        >
          {advanced ? "Hide the JSON" : "Advanced: edit as JSON"}
        </Button>
      </div>
      <div id={jsonId} hidden={!advanced}>
        {advanced ? (
          <TextareaField
            label="Condition as JSON"
            mono
            rows={Math.min(12, Math.max(3, text.split("\n").length))}
            value={text}
            placeholder='{"op":"lte","field":"amount","value":1000}'
            hint="The engine's own form; leave empty for no condition."
            error={jsonProblem ?? undefined}
            onChange={(event) => {
              const value = event.target.value;
              setText(value);
              const read = readJson(value);
              if ("problem" in read) {
                setJsonProblem(read.problem);
                return;
              }
              setJsonProblem(null);
              setNode(read.guard ? toConditionNode(read.guard) : null);
              onChange(read.guard);
            }}
          />
        ) : null}
      </div>
    </fieldset>
  );
}
