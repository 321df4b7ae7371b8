import { describe, expect, it } from "vitest";
import { z } from "zod";

import {
  bounded,
  isStorableText,
  jsonBoundsProblem,
  MAX_DATE,
  MIN_DATE,
  ZDateSchema,
  ZDisplayNameSchema,
  ZProjectCreateInputSchema,
  ZRegisterInputSchema,
  ZTextSchema,
  ZWorkflowDataSchema,
  ZWorkflowTemplateCreateInputSchema,
} from "../src";

const HOSTILE = ["a\u0000b", "\uD800", "x\uDFFFy", "\uDC00\uD800"];

describe("ZTextSchema", () => {
  it("refuses NUL and unpaired surrogates, keeps every other character", () => {
    for (const text of HOSTILE) {
      expect(isStorableText(text), JSON.stringify(text)).toBe(false);
      expect(ZTextSchema.safeParse(text).success).toBe(false);
    }
    for (const text of ["plain", "emoji 😀 pair", "tab\tnew\nline", "\u0001", "中文", ""]) {
      expect(ZTextSchema.parse(text)).toBe(text);
    }
  });

  it("is what the text fields of the inputs are made of (a field error, not a database error)", () => {
    expect(ZDisplayNameSchema.safeParse("Ada\u0000").error?.issues[0]?.message).toMatch(
      /cannot be stored/,
    );
    const register = ZRegisterInputSchema.safeParse({
      email: "a@b.co",
      name: "\uD800",
      password: "long enough",
    });
    expect(register.error?.issues.map((issue) => issue.path)).toEqual([["name"]]);
    const project = ZProjectCreateInputSchema.safeParse({ name: "ok", description: "bad \u0000" });
    expect(project.error?.issues.map((issue) => issue.path)).toEqual([["description"]]);
  });
});

describe("ZDateSchema", () => {
  it("accepts the years 1 to 9999 and refuses year 0, six-digit years and invalid dates", () => {
    expect(ZDateSchema.parse(MIN_DATE)).toEqual(MIN_DATE);
    expect(ZDateSchema.parse(MAX_DATE)).toEqual(MAX_DATE);
    for (const bad of [
      new Date("0000-06-01T00:00:00Z"),
      new Date(8.64e15),
      new Date(-8.64e15),
      new Date("x"),
    ]) {
      expect(ZDateSchema.safeParse(bad).success, String(bad.getTime())).toBe(false);
    }
  });
});

describe("bounded JSON", () => {
  const nest = (depth: number): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < depth; i += 1) value = [value];
    return value;
  };

  it("measures depth and size without recursion (a million levels is just refused)", () => {
    expect(jsonBoundsProblem(nest(3), { maxDepth: 3, maxNodes: 100 })).toBeNull();
    expect(jsonBoundsProblem(nest(4), { maxDepth: 3, maxNodes: 100 })).toMatch(/Nested too deeply/);
    expect(jsonBoundsProblem(nest(1_000_000), { maxDepth: 40, maxNodes: 10_000 })).toMatch(
      /Nested too deeply/,
    );
    expect(
      jsonBoundsProblem(
        Array.from({ length: 200 }, () => 0),
        { maxDepth: 3, maxNodes: 100 },
      ),
    ).toMatch(/Too large/);
    expect(jsonBoundsProblem({ ["k\u0000"]: 1 }, { maxDepth: 3, maxNodes: 100 })).toMatch(
      /cannot be stored/,
    );
  });

  it("runs the inner schema only on values within bounds, and keeps its types", () => {
    const schema = bounded(z.array(z.unknown()), { maxDepth: 2, maxNodes: 10 });
    expect(schema.parse([[1]])).toEqual([[1]]);
    const refused = schema.safeParse(nest(5));
    expect(refused.error?.issues).toHaveLength(1);
    expect(refused.error?.issues[0]?.message).toMatch(/Nested too deeply/);
  });

  it("bounds a workflow definition (guards inside guards) and a data document", () => {
    let guard: unknown = { op: "exists", field: "amount" };
    for (let i = 0; i < 500; i += 1) guard = { op: "not", guard };
    const definition = {
      dataFields: [],
      states: [],
      transitions: [
        { key: "go", name: "Go", from: ["a"], to: "b", allowed: {}, guard, requiresComment: false },
      ],
    };
    const input = {
      typeId: "00000000-0000-4000-8000-000000000000",
      key: "deep",
      name: "Deep",
      definition,
    };
    const parsed = ZWorkflowTemplateCreateInputSchema.safeParse(input);
    expect(parsed.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [["definition"], "Nested too deeply (at most 40 levels)"],
    ]);
    expect(ZWorkflowDataSchema.safeParse({ note: nest(100) }).success).toBe(false);
    expect(ZWorkflowDataSchema.safeParse({ note: "a\u0000" }).success).toBe(false);
    expect(ZWorkflowDataSchema.parse({ note: "fine", amount: 3 })).toEqual({
      note: "fine",
      amount: 3,
    });
  });
});
