import { describe, expect, it } from "vitest";
import { type Problem, type WorkflowDefinition, validateDefinition } from "../src";
import { purchaseRequest } from "./fixtures";

function problemsOf(definition: unknown): Problem[] {
  const result = validateDefinition(definition);
  return result.ok ? [] : result.problems;
}

/** Applies a change to a fresh copy of the valid fixture. */
function variant(change: (d: WorkflowDefinition) => void): WorkflowDefinition {
  const d = purchaseRequest();
  change(d);
  return d;
}

function transitionIndex(d: WorkflowDefinition, key: string): number {
  return d.transitions.findIndex((t) => t.key === key);
}

function stateIndex(d: WorkflowDefinition, key: string): number {
  return d.states.findIndex((s) => s.key === key);
}

describe("validateDefinition", () => {
  it("accepts the purchase request template", () => {
    expect(validateDefinition(purchaseRequest())).toEqual({ ok: true });
  });

  it("reports shape errors as invalid_shape with the zod path", () => {
    const d = purchaseRequest() as unknown as { states: Record<string, unknown>[] };
    d.states[1]!.color = "blue";
    d.states[2]!.key = "Approved";
    const problems = problemsOf(d);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ["invalid_shape", ["states", 1, "color"]],
      ["invalid_shape", ["states", 2, "key"]],
    ]);
  });

  it("reports a missing top-level section and non-objects as invalid_shape", () => {
    expect(problemsOf({ states: [], transitions: [] })).toEqual([
      expect.objectContaining({ code: "invalid_shape", path: ["dataFields"] }),
    ]);
    expect(problemsOf(null)).toEqual([
      expect.objectContaining({ code: "invalid_shape", path: [] }),
    ]);
  });

  it.each([
    [
      "a key longer than 64 characters",
      (d: Record<string, unknown[]>) => {
        (d.states![0] as Record<string, unknown>).key = "a".repeat(65);
      },
      ["states", 0, "key"],
    ],
    [
      "a non-positive timeout",
      (d: Record<string, unknown[]>) => {
        (d.states![1] as { timeout: { afterHours: number } }).timeout.afterHours = 0;
      },
      ["states", 1, "timeout", "afterHours"],
    ],
    [
      "an empty from list",
      (d: Record<string, unknown[]>) => {
        (d.transitions![0] as Record<string, unknown>).from = [];
      },
      ["transitions", 0, "from"],
    ],
    [
      "an unknown project role",
      (d: Record<string, unknown[]>) => {
        (d.transitions![0] as Record<string, unknown>).allowed = { projectRoles: ["admin"] };
      },
      ["transitions", 0, "allowed", "projectRoles", 0],
    ],
    [
      "options on a non-enum field",
      (d: Record<string, unknown[]>) => {
        (d.dataFields![0] as Record<string, unknown>).options = ["x"];
      },
      ["dataFields", 0, "options"],
    ],
    [
      "an enum without options",
      (d: Record<string, unknown[]>) => {
        delete (d.dataFields![2] as Record<string, unknown>).options;
      },
      ["dataFields", 2, "options"],
    ],
    [
      "an unknown property (typo)",
      (d: Record<string, unknown[]>) => {
        (d.transitions![0] as Record<string, unknown>).requireComment = true;
      },
      ["transitions", 0],
    ],
    [
      "a malformed guard",
      (d: Record<string, unknown[]>) => {
        (d.transitions![2] as Record<string, unknown>).guard = { op: "between", field: "amount" };
      },
      ["transitions", 2, "guard"],
    ],
  ])("rejects %s as invalid_shape", (_label, change, path) => {
    const d = purchaseRequest() as unknown as Record<string, unknown[]>;
    change(d);
    const problems = problemsOf(d);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === "invalid_shape")).toBe(true);
    expect(problems.map((p) => p.path)).toContainEqual(path);
  });

  it("reports duplicate_field_key at the second field's key", () => {
    const d = variant((d) => {
      d.dataFields.push({ key: "amount", label: "Amount again", type: "number", required: false });
    });
    expect(problemsOf(d)).toEqual([
      expect.objectContaining({ code: "duplicate_field_key", path: ["dataFields", 5, "key"] }),
    ]);
  });

  it("reports duplicate_state_key at the second state's key", () => {
    const d = variant((d) => {
      d.states.push({ key: "ordered", name: "Ordered twice", kind: "final" });
    });
    expect(problemsOf(d)).toEqual([
      expect.objectContaining({ code: "duplicate_state_key", path: ["states", 5, "key"] }),
    ]);
  });

  it("reports duplicate_transition_key at the second transition's key", () => {
    const d = variant((d) => {
      d.transitions.push({ ...d.transitions[0]!, name: "Submit again" });
    });
    expect(problemsOf(d)).toEqual([
      expect.objectContaining({
        code: "duplicate_transition_key",
        path: ["transitions", 7, "key"],
      }),
    ]);
  });

  it("reports no_initial_state on the states list", () => {
    const d = variant((d) => {
      d.states[0]!.kind = "active";
    });
    const problems = problemsOf(d);
    expect(problems).toContainEqual(
      expect.objectContaining({ code: "no_initial_state", path: ["states"] }),
    );
    // Reachability is meaningless without a start, so it is not reported.
    expect(problems.map((p) => p.code)).not.toContain("unreachable_state");
  });

  it("reports multiple_initial_states on each extra initial state's kind", () => {
    const d = variant((d) => {
      d.states[2]!.kind = "initial";
    });
    expect(problemsOf(d)).toEqual([
      expect.objectContaining({ code: "multiple_initial_states", path: ["states", 2, "kind"] }),
    ]);
  });

  it("reports no_final_state on the states list", () => {
    const d: WorkflowDefinition = {
      dataFields: [],
      states: [
        { key: "open", name: "Open", kind: "initial" },
        { key: "closed", name: "Closed", kind: "active" },
      ],
      transitions: [
        {
          key: "close",
          name: "Close",
          from: ["open"],
          to: "closed",
          allowed: { projectRoles: ["owner"] },
          requiresComment: false,
        },
        {
          key: "reopen",
          name: "Reopen",
          from: ["closed"],
          to: "open",
          allowed: { projectRoles: ["owner"] },
          requiresComment: false,
        },
      ],
    };
    expect(problemsOf(d)).toEqual([
      expect.objectContaining({ code: "no_final_state", path: ["states"] }),
    ]);
  });

  it("reports unreachable_state for a state no path leads to", () => {
    const d = variant((d) => {
      d.states.push({ key: "archived", name: "Archived", kind: "final" });
    });
    expect(problemsOf(d)).toEqual([
      expect.objectContaining({ code: "unreachable_state", path: ["states", 5] }),
    ]);
  });

  it("reports dead_end_state for a non-final state without a way out", () => {
    const d = variant((d) => {
      d.transitions = d.transitions.filter((t) => t.key !== "order" && t.key !== "reject");
    });
    const problems = problemsOf(d);
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: "dead_end_state",
        path: ["states", stateIndex(d, "approved")],
      }),
    );
  });

  it("reports no_path_to_final for states that only loop among themselves", () => {
    const d: WorkflowDefinition = {
      dataFields: [],
      states: [
        { key: "open", name: "Open", kind: "initial" },
        { key: "waiting", name: "Waiting", kind: "active" },
        { key: "done", name: "Done", kind: "final" },
      ],
      transitions: [
        {
          key: "wait",
          name: "Wait",
          from: ["open"],
          to: "waiting",
          allowed: { projectRoles: ["owner"] },
          requiresComment: false,
        },
        {
          key: "resume",
          name: "Resume",
          from: ["waiting"],
          to: "open",
          allowed: { projectRoles: ["owner"] },
          requiresComment: false,
        },
      ],
    };
    expect(problemsOf(d)).toEqual([
      expect.objectContaining({ code: "no_path_to_final", path: ["states", 0] }),
      expect.objectContaining({ code: "no_path_to_final", path: ["states", 1] }),
      expect.objectContaining({ code: "unreachable_state", path: ["states", 2] }),
    ]);
  });

  it("reports unknown_state in a transition's from and to", () => {
    const d = variant((d) => {
      const submit = d.transitions[transitionIndex(d, "submit")]!;
      submit.from = ["draft", "drafted"];
      const order = d.transitions[transitionIndex(d, "order")]!;
      order.to = "shipped";
    });
    const problems = problemsOf(d);
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: "unknown_state",
        path: ["transitions", transitionIndex(d, "submit"), "from", 1],
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: "unknown_state",
        path: ["transitions", transitionIndex(d, "order"), "to"],
      }),
    );
  });

  it("reports transition_from_final at the from entry naming the final state", () => {
    const d = variant((d) => {
      d.transitions[transitionIndex(d, "submit")]!.from = ["draft", "rejected"];
    });
    expect(problemsOf(d)).toEqual([
      expect.objectContaining({
        code: "transition_from_final",
        path: ["transitions", transitionIndex(d, "submit"), "from", 1],
      }),
    ]);
  });

  it("reports no_allowed_actors when neither permissions nor roles are given", () => {
    const d = variant((d) => {
      d.transitions[transitionIndex(d, "order")]!.allowed = {};
      d.transitions[transitionIndex(d, "submit")]!.allowed = { permissions: [], projectRoles: [] };
    });
    expect(problemsOf(d)).toEqual([
      expect.objectContaining({
        code: "no_allowed_actors",
        path: ["transitions", transitionIndex(d, "submit"), "allowed"],
      }),
      expect.objectContaining({
        code: "no_allowed_actors",
        path: ["transitions", transitionIndex(d, "order"), "allowed"],
      }),
    ]);
  });

  it("reports guard_unknown_field at the nested guard's field", () => {
    const d = variant((d) => {
      d.transitions[transitionIndex(d, "approve")]!.guard = {
        op: "and",
        all: [
          { op: "lte", field: "amount", value: 1000 },
          { op: "not", guard: { op: "eq", field: "budget_code", value: "x" } },
        ],
      };
    });
    expect(problemsOf(d)).toEqual([
      expect.objectContaining({
        code: "guard_unknown_field",
        path: ["transitions", transitionIndex(d, "approve"), "guard", "all", 1, "guard", "field"],
      }),
    ]);
  });

  it.each([
    ["gt on a boolean field", { op: "gt", field: "urgent", value: true }, ["op"]],
    ["lt on an enum field", { op: "lt", field: "category", value: "it" }, ["op"]],
    ["a string value for a number field", { op: "eq", field: "amount", value: "1000" }, ["value"]],
    ["a number value for a string field", { op: "eq", field: "title", value: 3 }, ["value"]],
    [
      "a non-boolean value for a boolean field",
      { op: "eq", field: "urgent", value: "yes" },
      ["value"],
    ],
    [
      "a non-date value for a date field",
      { op: "gte", field: "needed_by", value: "soon" },
      ["value"],
    ],
    ["a value outside the enum options", { op: "eq", field: "category", value: "food" }, ["value"]],
    [
      "in with values outside the enum options",
      { op: "in", field: "category", values: ["it", "food"] },
      ["values", 1],
    ],
  ] as const)("reports guard_type_mismatch for %s", (_label, guard, tail) => {
    const d = variant((d) => {
      d.transitions[transitionIndex(d, "order")]!.guard = structuredClone(guard) as never;
    });
    expect(problemsOf(d)).toEqual([
      expect.objectContaining({
        code: "guard_type_mismatch",
        path: ["transitions", transitionIndex(d, "order"), "guard", ...tail],
      }),
    ]);
  });

  it("accepts well-typed guards of every kind", () => {
    const d = variant((d) => {
      d.transitions[transitionIndex(d, "order")]!.guard = {
        op: "or",
        all: [
          { op: "eq", field: "urgent", value: true },
          { op: "in", field: "category", values: ["it", "office"] },
          { op: "gte", field: "needed_by", value: "2024-05-01" },
          { op: "ne", field: "title", value: "" },
          { op: "exists", field: "needed_by" },
        ],
      };
    });
    expect(validateDefinition(d)).toEqual({ ok: true });
  });

  it("reports timeout_unknown_transition at the state's timeout", () => {
    const d = variant((d) => {
      d.states[stateIndex(d, "submitted")]!.timeout = { afterHours: 24, transition: "escalate" };
    });
    expect(problemsOf(d)).toEqual([
      expect.objectContaining({
        code: "timeout_unknown_transition",
        path: ["states", stateIndex(d, "submitted"), "timeout", "transition"],
      }),
    ]);
  });

  it("reports timeout_transition_not_from_state when the transition does not leave the state", () => {
    const d = variant((d) => {
      d.states[stateIndex(d, "submitted")]!.timeout = { afterHours: 24, transition: "order" };
    });
    expect(problemsOf(d)).toEqual([
      expect.objectContaining({
        code: "timeout_transition_not_from_state",
        path: ["states", stateIndex(d, "submitted"), "timeout", "transition"],
      }),
    ]);
  });

  it("reports every problem at once", () => {
    const d = variant((d) => {
      d.dataFields.push({ key: "title", label: "Title 2", type: "string", required: false });
      d.states[4]!.kind = "initial";
      d.transitions[transitionIndex(d, "order")]!.to = "shipped";
      d.transitions[transitionIndex(d, "submit")]!.allowed = {};
      d.transitions[transitionIndex(d, "approve")]!.guard = { op: "gt", field: "cost", value: 1 };
      d.states[stateIndex(d, "submitted")]!.timeout = { afterHours: 1, transition: "nope" };
    });
    const problems = problemsOf(d);
    expect(problems.map((p) => p.code).sort()).toEqual(
      [
        "dead_end_state",
        "duplicate_field_key",
        "guard_unknown_field",
        "multiple_initial_states",
        "no_allowed_actors",
        "timeout_unknown_transition",
        "unknown_state",
      ].sort(),
    );
    expect(problems.every((p) => p.message.length > 0)).toBe(true);
  });
});
