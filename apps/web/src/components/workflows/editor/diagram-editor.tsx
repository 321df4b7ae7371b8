"use client";

import "@xyflow/react/dist/style.css";

import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  type NodeProps,
  type OnDelete,
  type ReactFlowInstance,
} from "@xyflow/react";
import { useMemo, useState } from "react";

import { Button, Icon } from "@fastnext/ui";
import { type WorkflowDefinition } from "@fastnext/workflow";

import { newState } from "./draft";
import {
  connectStates,
  diagramEdges,
  layoutDiagram,
  NODE_HEIGHT,
  NODE_WIDTH,
  removeEdge,
  removeState,
  stateIndexOf,
  stateNodeId,
  type Point,
} from "./diagram-graph";
import { type EditorErrors } from "./errors";

/** What is picked on the diagram, to be edited in the form or deleted. */
export type DiagramSelection =
  { kind: "state"; index: number } | { kind: "transition"; index: number; from: string };

type StateNodeData = {
  name: string;
  kind: string;
  color: string | undefined;
  problems: string[];
};
type StateNode = Node<StateNodeData, "state">;
type TransitionEdge = Edge<{ transition: number; from: string }>;

const KIND_LABEL: Record<string, string> = { initial: "Start", active: "", final: "End" };

function StateNodeView({ data }: NodeProps<StateNode>) {
  return (
    <div
      className="flow-state"
      data-kind={data.kind}
      data-invalid={data.problems.length > 0 || undefined}
      style={data.color ? { borderColor: data.color } : undefined}
      title={data.problems.join(" ") || undefined}
    >
      <Handle type="target" position={Position.Left} />
      <span className="flow-state-name">{data.name}</span>
      <span className="flow-state-meta">
        {data.problems.length > 0 ? (
          <span className="flow-state-problem">
            {data.problems.length === 1 ? "1 problem" : `${data.problems.length} problems`}
          </span>
        ) : (
          KIND_LABEL[data.kind]
        )}
      </span>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

const NODE_TYPES = { state: StateNodeView };

/**
 * The template as a graph that can be edited: states are nodes, each
 * "from" of a transition an arrow. Connecting two states adds a
 * transition, Delete removes what is selected, and a selection is edited
 * in the form below (the form stays the complete, accessible way to edit).
 */
export function DiagramEditor({
  definition,
  onChange,
  errors,
  onEdit,
}: {
  definition: WorkflowDefinition;
  onChange: (definition: WorkflowDefinition, structural?: boolean) => void;
  errors: EditorErrors;
  /** Moves to the form's row of what is selected. */
  onEdit: (selection: DiagramSelection) => void;
}) {
  const [selection, setSelection] = useState<DiagramSelection | null>(null);
  const [flow, setFlow] = useState<ReactFlowInstance<StateNode, TransitionEdge> | null>(null);
  // Where the author dragged states, by key; the rest follow the automatic layout.
  const [moved, setMoved] = useState<ReadonlyMap<string, Point>>(new Map());
  const layout = useMemo(() => layoutDiagram(definition), [definition]);
  const edges = useMemo(() => diagramEdges(definition), [definition]);

  const nodes: StateNode[] = definition.states.map((state, index) => {
    const problems = errors.under(`definition.states.${index}`);
    const name = state.name || state.key || `State ${index + 1}`;
    return {
      id: stateNodeId(index),
      type: "state",
      position: moved.get(state.key) ?? layout.get(state.key) ?? { x: 0, y: 0 },
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      selected: selection?.kind === "state" && selection.index === index,
      ariaLabel: `State ${name}${problems.length > 0 ? `, ${problems.length} problems: ${problems.join(" ")}` : ""}`,
      data: { name, kind: state.kind, color: state.color, problems },
    };
  });
  const nodeOf = new Map(definition.states.map((state, index) => [state.key, stateNodeId(index)]));
  const flowEdges: TransitionEdge[] = edges.map((edge) => {
    const transition = definition.transitions[edge.transition];
    const name = transition?.name || transition?.key || "Transition";
    const problems = errors.under(`definition.transitions.${edge.transition}`);
    const invalid = problems.length > 0;
    return {
      id: edge.id,
      source: nodeOf.get(edge.from) ?? "",
      target: nodeOf.get(edge.to) ?? "",
      label: invalid ? `${name} (!)` : name,
      className: invalid ? "flow-edge-invalid" : undefined,
      selected:
        selection?.kind === "transition" &&
        selection.index === edge.transition &&
        selection.from === edge.from,
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
      ariaLabel: `Transition ${name} from ${edge.from} to ${edge.to}${invalid ? `, ${problems.length} problems: ${problems.join(" ")}` : ""}`,
      data: { transition: edge.transition, from: edge.from },
    };
  });

  const selectedName = (() => {
    if (!selection) return null;
    if (selection.kind === "state") {
      const state = definition.states[selection.index];
      return state ? `state “${state.name || state.key}”` : null;
    }
    const transition = definition.transitions[selection.index];
    return transition
      ? `transition “${transition.name || transition.key}” from ${selection.from}`
      : null;
  })();

  const onNodesChange = (changes: NodeChange<StateNode>[]) => {
    for (const change of changes) {
      if (change.type === "select" && change.selected) {
        const index = stateIndexOf(change.id);
        if (index !== undefined) setSelection({ kind: "state", index });
      }
      if (change.type === "position" && change.position) {
        const index = stateIndexOf(change.id);
        const key = index === undefined ? undefined : definition.states[index]?.key;
        const position = change.position;
        if (key !== undefined) setMoved((current) => new Map(current).set(key, position));
      }
    }
  };
  const onEdgesChange = (changes: EdgeChange<TransitionEdge>[]) => {
    for (const change of changes) {
      if (change.type !== "select" || !change.selected) continue;
      const edge = edges.find((candidate) => candidate.id === change.id);
      if (edge) setSelection({ kind: "transition", index: edge.transition, from: edge.from });
    }
  };
  const remove = (target: DiagramSelection) => {
    setSelection(null);
    onChange(
      target.kind === "state"
        ? removeState(definition, target.index)
        : removeEdge(definition, target.index, target.from),
      true,
    );
  };
  // Deleting a state also reports its arrows; removing the state already takes them.
  const onDelete: OnDelete<StateNode, TransitionEdge> = ({ nodes: gone, edges: cut }) => {
    const states = gone
      .map((node) => stateIndexOf(node.id))
      .filter((index) => index !== undefined)
      .sort((a, b) => b - a);
    let next = definition;
    for (const index of states) next = removeState(next, index);
    if (states.length === 0) {
      // From the last transition back, so removing one does not shift the others' positions.
      const ordered = [...cut].sort(
        (a, b) => (b.data?.transition ?? 0) - (a.data?.transition ?? 0),
      );
      for (const edge of ordered) {
        if (edge.data) next = removeEdge(next, edge.data.transition, edge.data.from);
      }
    }
    setSelection(null);
    onChange(next, true);
  };
  const onConnect = (connection: Connection) => {
    const from = stateIndexOf(connection.source);
    const to = stateIndexOf(connection.target);
    if (from === undefined || to === undefined) return;
    onChange(connectStates(definition, from, to), true);
  };

  return (
    <div className="flow-editor">
      <div className="cluster flow-toolbar" role="toolbar" aria-label="Diagram">
        <Button
          size="sm"
          onClick={() =>
            onChange(
              { ...definition, states: [...definition.states, newState(definition.states.length)] },
              true,
            )
          }
        >
          <Icon name="plus" /> Add a state
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            setMoved(new Map());
            // After the nodes are back in place.
            window.requestAnimationFrame(() => void flow?.fitView({ padding: 0.2, maxZoom: 1 }));
          }}
        >
          Auto-layout
        </Button>
        <span className="flow-selection small muted" aria-live="polite">
          {selectedName ? `Selected: ${selectedName}` : "Nothing selected"}
        </span>
        {selection && selectedName ? (
          <>
            <Button size="sm" onClick={() => onEdit(selection)}>
              Edit in the form
            </Button>
            <Button size="sm" variant="ghost" onClick={() => remove(selection)}>
              <Icon name="trash" /> Delete
            </Button>
          </>
        ) : null}
      </div>
      <div className="flow-canvas">
        <ReactFlow<StateNode, TransitionEdge>
          aria-label="Workflow diagram"
          nodes={nodes}
          edges={flowEdges}
          nodeTypes={NODE_TYPES}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onDelete={onDelete}
          onConnect={onConnect}
          onNodeDoubleClick={(_, node) => {
            const index = stateIndexOf(node.id);
            if (index !== undefined) onEdit({ kind: "state", index });
          }}
          onEdgeDoubleClick={(_, edge) => {
            if (edge.data)
              onEdit({ kind: "transition", index: edge.data.transition, from: edge.data.from });
          }}
          onPaneClick={() => setSelection(null)}
          deleteKeyCode={["Backspace", "Delete"]}
          fitView
          fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
          minZoom={0.3}
          zoomOnScroll={false}
          preventScrolling={false}
          onInit={setFlow}
        >
          <Background gap={20} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      <p className="small muted">
        Drag from a state’s right edge to another state to add a transition. With the keyboard, Tab
        to a state or arrow and press Enter to select it, then edit or delete it from the toolbar.
      </p>
    </div>
  );
}
