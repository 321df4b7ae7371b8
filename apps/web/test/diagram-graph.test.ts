import { describe, expect, it } from "vitest";

import { type WorkflowDefinition } from "@fastnext/workflow";

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
} from "../src/components/workflows/editor/diagram-graph";

const REVIEW: WorkflowDefinition = {
  dataFields: [],
  states: [
    { key: "open", name: "Open", kind: "initial" },
    { key: "done", name: "Done", kind: "final" },
    { key: "in_review", name: "In review", kind: "active" },
  ],
  transitions: [
    {
      key: "submit",
      name: "Submit",
      from: ["open"],
      to: "in_review",
      allowed: { projectRoles: ["owner"] },
      requiresComment: false,
    },
    {
      key: "approve",
      name: "Approve",
      from: ["in_review"],
      to: "done",
      allowed: { projectRoles: ["owner"] },
      requiresComment: false,
    },
    {
      key: "reject",
      name: "Reject",
      from: ["in_review", "done"],
      to: "open",
      allowed: { projectRoles: ["owner"] },
      requiresComment: false,
    },
  ],
};

describe("the diagram's graph", () => {
  it("draws one arrow per state a transition leaves from, and none to a state that is missing", () => {
    const definition: WorkflowDefinition = {
      ...REVIEW,
      transitions: [
        ...REVIEW.transitions,
        { ...REVIEW.transitions[0]!, key: "lost", from: ["open"], to: "nowhere" },
      ],
    };
    expect(diagramEdges(definition).map((edge) => edge.id)).toEqual([
      "transition-0-open",
      "transition-1-in_review",
      "transition-2-in_review",
      "transition-2-done",
    ]);
  });

  it("lays the main path out left to right, whatever the order of the states, without overlaps", () => {
    const placed = layoutDiagram(REVIEW);
    const open = placed.get("open")!;
    const review = placed.get("in_review")!;
    const done = placed.get("done")!;
    expect(open.x).toBeLessThan(review.x);
    expect(review.x).toBeLessThan(done.x);
    const boxes = [open, review, done];
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart = Math.abs(a.x - b.x) >= NODE_WIDTH || Math.abs(a.y - b.y) >= NODE_HEIGHT;
        expect(apart).toBe(true);
      }
    }
  });

  it("places states nothing connects, and an empty template has an empty layout", () => {
    const lonely = {
      ...REVIEW,
      states: [...REVIEW.states, { key: "limbo", name: "Limbo", kind: "active" as const }],
    };
    expect(layoutDiagram(lonely).has("limbo")).toBe(true);
    expect(layoutDiagram({ dataFields: [], states: [], transitions: [] }).size).toBe(0);
  });

  it("reads node ids back to state positions", () => {
    expect(stateIndexOf(stateNodeId(12))).toBe(12);
    expect(stateIndexOf("transition-1-open")).toBeUndefined();
  });
});

describe("editing on the diagram", () => {
  it("connecting two states adds a transition between them with a key of its own", () => {
    const once = connectStates(REVIEW, 2, 0);
    expect(once.transitions[3]).toMatchObject({
      key: "to_open",
      name: "To Open",
      from: ["in_review"],
      to: "open",
      requiresComment: false,
    });
    expect(connectStates(once, 1, 0).transitions[4]).toMatchObject({
      key: "to_open_2",
      from: ["done"],
      to: "open",
    });
    expect(connectStates(REVIEW, 0, 9)).toBe(REVIEW);
  });

  it("removing a state removes the arrows at it and the transitions left with none", () => {
    const next = removeState(REVIEW, 2);
    expect(next.states.map((state) => state.key)).toEqual(["open", "done"]);
    // submit led into it, approve left only from it; reject keeps its other "from".
    expect(next.transitions).toEqual([{ ...REVIEW.transitions[2], from: ["done"] }]);
  });

  it("removing an arrow takes its state out of the transition, and the last arrow the transition", () => {
    const fewer = removeEdge(REVIEW, 2, "done");
    expect(fewer.transitions[2]?.from).toEqual(["in_review"]);
    const gone = removeEdge(fewer, 2, "in_review");
    expect(gone.transitions.map((transition) => transition.key)).toEqual(["submit", "approve"]);
    expect(removeEdge(REVIEW, 7, "open")).toBe(REVIEW);
  });
});
