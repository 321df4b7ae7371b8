import dagre from "@dagrejs/dagre";

import { type WorkflowDefinition } from "@fastnext/workflow";

import { newTransition, removeAt, slugify } from "./draft";

export const NODE_WIDTH = 168;
export const NODE_HEIGHT = 56;

export interface Point {
  x: number;
  y: number;
}

/** One arrow of the diagram: a transition leaves from several states, so each "from" is one. */
export interface DiagramEdge {
  id: string;
  transition: number;
  from: string;
  to: string;
}

export function stateNodeId(index: number): string {
  return `state-${index}`;
}

export function stateIndexOf(nodeId: string): number | undefined {
  const match = /^state-(\d+)$/.exec(nodeId);
  return match ? Number(match[1]) : undefined;
}

/**
 * The arrows that can be drawn: transitions between states that exist.
 * A key that no state has (yet) is the form's business, where its error is.
 */
export function diagramEdges(definition: WorkflowDefinition): DiagramEdge[] {
  const keys = new Set(definition.states.map((state) => state.key));
  return definition.transitions.flatMap((transition, index) =>
    transition.from
      .filter((from) => keys.has(from) && keys.has(transition.to))
      .map((from) => ({
        id: `transition-${index}-${from}`,
        transition: index,
        from,
        to: transition.to,
      })),
  );
}

/**
 * Places the states left to right along the transitions (dagre's layered
 * layout), keyed by state key. Back edges (a rejection returning to an
 * earlier state) are reversed for ranking, so the main path stays a line.
 */
export function layoutDiagram(definition: WorkflowDefinition): Map<string, Point> {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: "LR", nodesep: 36, ranksep: 90, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  const keys = [...new Set(definition.states.map((state) => state.key))];
  for (const key of keys) graph.setNode(key, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of diagramEdges(definition)) {
    if (edge.from !== edge.to) graph.setEdge(edge.from, edge.to, { minlen: 1 }, edge.id);
  }
  dagre.layout(graph);
  const placed = new Map<string, Point>();
  for (const key of keys) {
    const node = graph.node(key) as { x: number; y: number } | undefined;
    // dagre gives centres; the diagram places nodes by their top-left corner.
    if (node) placed.set(key, { x: node.x - NODE_WIDTH / 2, y: node.y - NODE_HEIGHT / 2 });
  }
  return placed;
}

function uniqueKey(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base.slice(0, 60)}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A new transition from one state to another, drawn by connecting them. */
export function connectStates(
  definition: WorkflowDefinition,
  from: number,
  to: number,
): WorkflowDefinition {
  const source = definition.states[from];
  const target = definition.states[to];
  if (!source || !target) return definition;
  const name = `To ${target.name || target.key}`;
  const key = uniqueKey(
    slugify(name) || `step_${definition.transitions.length + 1}`,
    new Set(definition.transitions.map((transition) => transition.key)),
  );
  const transition = {
    ...newTransition(definition, definition.transitions.length),
    key,
    name,
    from: [source.key],
    to: target.key,
  };
  return { ...definition, transitions: [...definition.transitions, transition] };
}

/**
 * Removes a state and every arrow at it: transitions into it go, and it
 * leaves the "from" of the others (a transition left with no "from" goes).
 */
export function removeState(definition: WorkflowDefinition, index: number): WorkflowDefinition {
  const state = definition.states[index];
  if (!state) return definition;
  const stillUsed = definition.states.some((other, at) => at !== index && other.key === state.key);
  return {
    ...definition,
    states: removeAt(definition.states, index),
    transitions: stillUsed
      ? definition.transitions
      : definition.transitions.flatMap((transition) => {
          if (transition.to === state.key) return [];
          const from = transition.from.filter((key) => key !== state.key);
          return from.length > 0 ? [{ ...transition, from }] : [];
        }),
  };
}

/** Removes one arrow: the state leaves the transition's "from"; the last one takes the transition. */
export function removeEdge(
  definition: WorkflowDefinition,
  transition: number,
  from: string,
): WorkflowDefinition {
  const current = definition.transitions[transition];
  if (!current) return definition;
  const rest = current.from.filter((key) => key !== from);
  return {
    ...definition,
    transitions:
      rest.length > 0
        ? definition.transitions.map((existing, at) =>
            at === transition ? { ...existing, from: rest } : existing,
          )
        : removeAt(definition.transitions, transition),
  };
}
