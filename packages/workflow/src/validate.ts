import { type z } from "zod";
import {
  type DataField,
  type State,
  type WorkflowDefinition,
  ZWorkflowDefinitionSchema,
} from "./definition";
import { type Problem, type ProblemCode } from "./problems";
import { checkGuard } from "./validate-guard";

export type ValidationResult = { ok: true } | { ok: false; problems: Problem[] };

function shapeProblem(issue: z.core.$ZodIssue): Problem {
  return {
    code: "invalid_shape",
    message: issue.message,
    path: issue.path.map((segment) => (typeof segment === "number" ? segment : String(segment))),
  };
}

function duplicateKeys(
  items: readonly { key: string }[],
  section: "dataFields" | "states" | "transitions",
  code: ProblemCode,
  noun: string,
): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  items.forEach((item, index) => {
    if (seen.has(item.key)) {
      problems.push({
        code,
        message: `Another ${noun} already uses the key "${item.key}".`,
        path: [section, index, "key"],
      });
    }
    seen.add(item.key);
  });
  return problems;
}

function checkStateKinds(states: readonly State[]): Problem[] {
  const problems: Problem[] = [];
  const initial = states.flatMap((s, i) => (s.kind === "initial" ? [i] : []));
  if (initial.length === 0) {
    problems.push({
      code: "no_initial_state",
      message: "Mark one state as initial; new items start there.",
      path: ["states"],
    });
  }
  // The first initial state is taken as intended; each further one is flagged
  // where it can be changed.
  for (const index of initial.slice(1)) {
    problems.push({
      code: "multiple_initial_states",
      message: "Only one state can be initial.",
      path: ["states", index, "kind"],
    });
  }
  if (!states.some((s) => s.kind === "final")) {
    problems.push({
      code: "no_final_state",
      message: "Add at least one final state, so items can be completed.",
      path: ["states"],
    });
  }
  return problems;
}

function checkTransitions(
  definition: WorkflowDefinition,
  statesByKey: ReadonlyMap<string, State>,
  fieldsByKey: ReadonlyMap<string, DataField>,
): Problem[] {
  const problems: Problem[] = [];
  definition.transitions.forEach((transition, index) => {
    const base = ["transitions", index] as const;
    transition.from.forEach((key, j) => {
      const state = statesByKey.get(key);
      if (state === undefined) {
        problems.push({
          code: "unknown_state",
          message: `"${transition.name}" starts from "${key}", which is not a state of this template.`,
          path: [...base, "from", j],
        });
      } else if (state.kind === "final") {
        problems.push({
          code: "transition_from_final",
          message: `"${transition.name}" leaves the final state "${state.name}"; final states cannot be left.`,
          path: [...base, "from", j],
        });
      }
    });
    if (!statesByKey.has(transition.to)) {
      problems.push({
        code: "unknown_state",
        message: `"${transition.name}" leads to "${transition.to}", which is not a state of this template.`,
        path: [...base, "to"],
      });
    }
    const { permissions = [], projectRoles = [] } = transition.allowed;
    if (permissions.length === 0 && projectRoles.length === 0) {
      problems.push({
        code: "no_allowed_actors",
        message: `Nobody but a superuser could perform "${transition.name}"; allow a permission or a project role.`,
        path: [...base, "allowed"],
      });
    }
    if (transition.guard !== undefined) {
      problems.push(...checkGuard(transition.guard, fieldsByKey, [...base, "guard"]));
    }
  });
  return problems;
}

/** Breadth-first walk over state keys along the given edges. */
function walk(
  starts: Iterable<string>,
  edges: ReadonlyMap<string, readonly string[]>,
): Set<string> {
  const seen = new Set(starts);
  const queue = [...seen];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const target of edges.get(next) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

function addEdge(edges: Map<string, string[]>, from: string, to: string): void {
  const list = edges.get(from);
  if (list === undefined) edges.set(from, [to]);
  else list.push(to);
}

function checkGraph(
  definition: WorkflowDefinition,
  statesByKey: ReadonlyMap<string, State>,
): Problem[] {
  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  for (const transition of definition.transitions) {
    // Edges to or from unknown states are already reported; following them
    // would only produce confusing follow-up problems.
    if (!statesByKey.has(transition.to)) continue;
    for (const from of transition.from) {
      if (!statesByKey.has(from)) continue;
      addEdge(forward, from, transition.to);
      addEdge(backward, transition.to, from);
    }
  }
  const initial = definition.states.filter((s) => s.kind === "initial").map((s) => s.key);
  const finals = definition.states.filter((s) => s.kind === "final").map((s) => s.key);
  const reachable = walk(initial, forward);
  const canFinish = walk(finals, backward);

  const problems: Problem[] = [];
  definition.states.forEach((state, index) => {
    // Without an initial state everything is "unreachable"; that single root
    // cause is already reported, so the flood is suppressed.
    if (initial.length > 0 && !reachable.has(state.key)) {
      problems.push({
        code: "unreachable_state",
        message: `No transition path leads from the initial state to "${state.name}".`,
        path: ["states", index],
      });
    }
    if (state.kind === "final") return;
    if (!forward.has(state.key)) {
      problems.push({
        code: "dead_end_state",
        message: `Items in "${state.name}" would be stuck: add a transition out of it or make it final.`,
        path: ["states", index],
      });
    } else if (finals.length > 0 && !canFinish.has(state.key)) {
      // Outgoing transitions exist but only loop among unfinished states.
      problems.push({
        code: "no_path_to_final",
        message: `From "${state.name}" no sequence of transitions reaches a final state.`,
        path: ["states", index],
      });
    }
  });
  return problems;
}

function checkTimeouts(definition: WorkflowDefinition): Problem[] {
  const problems: Problem[] = [];
  definition.states.forEach((state, index) => {
    if (state.timeout === undefined) return;
    const key = state.timeout.transition;
    const path = ["states", index, "timeout", "transition"];
    const transition = definition.transitions.find((t) => t.key === key);
    if (transition === undefined) {
      problems.push({
        code: "timeout_unknown_transition",
        message: `The time-out of "${state.name}" uses "${key}", which is not a transition of this template.`,
        path,
      });
    } else if (!transition.from.includes(state.key)) {
      problems.push({
        code: "timeout_transition_not_from_state",
        message: `The time-out of "${state.name}" uses "${transition.name}", which does not leave "${state.name}".`,
        path,
      });
    }
  });
  return problems;
}

/**
 * Decides whether a template may be published. Every problem is collected
 * rather than stopping at the first, so an author can fix them in one pass.
 * Shape errors are the exception: graph rules on a malformed document would
 * report noise, so those are returned alone.
 */
export function validateDefinition(input: unknown): ValidationResult {
  const parsed = ZWorkflowDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map(shapeProblem) };
  }
  const definition = parsed.data;
  // On duplicate keys the first entry wins, matching how lookups at run time
  // (Array.prototype.find) resolve them.
  const statesByKey = new Map<string, State>();
  for (const state of definition.states) {
    if (!statesByKey.has(state.key)) statesByKey.set(state.key, state);
  }
  const fieldsByKey = new Map<string, DataField>();
  for (const field of definition.dataFields) {
    if (!fieldsByKey.has(field.key)) fieldsByKey.set(field.key, field);
  }

  const problems = [
    ...duplicateKeys(definition.dataFields, "dataFields", "duplicate_field_key", "data field"),
    ...duplicateKeys(definition.states, "states", "duplicate_state_key", "state"),
    ...duplicateKeys(
      definition.transitions,
      "transitions",
      "duplicate_transition_key",
      "transition",
    ),
    ...checkStateKinds(definition.states),
    ...checkTransitions(definition, statesByKey, fieldsByKey),
    ...checkGraph(definition, statesByKey),
    ...checkTimeouts(definition),
  ];
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
