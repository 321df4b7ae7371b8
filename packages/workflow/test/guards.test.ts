import { describe, expect, it } from "vitest";
import { type Guard, ZGuardSchema, describeGuard, evaluateGuard } from "../src";

const data = {
  amount: 1500,
  title: "Laptop",
  category: "it",
  urgent: false,
  needed_by: "2024-05-10",
  note: null,
};

describe("evaluateGuard", () => {
  it.each([
    [{ op: "eq", field: "amount", value: 1500 }, true],
    [{ op: "eq", field: "amount", value: 1000 }, false],
    [{ op: "ne", field: "amount", value: 1000 }, true],
    [{ op: "ne", field: "amount", value: 1500 }, false],
    [{ op: "gt", field: "amount", value: 1000 }, true],
    [{ op: "gt", field: "amount", value: 1500 }, false],
    [{ op: "gte", field: "amount", value: 1500 }, true],
    [{ op: "lt", field: "amount", value: 1500 }, false],
    [{ op: "lt", field: "amount", value: 2000 }, true],
    [{ op: "lte", field: "amount", value: 1500 }, true],
    [{ op: "eq", field: "urgent", value: false }, true],
    [{ op: "ne", field: "urgent", value: true }, true],
    [{ op: "eq", field: "title", value: "Laptop" }, true],
    [{ op: "gt", field: "title", value: "Desk" }, true],
    [{ op: "lt", field: "title", value: "Desk" }, false],
    [{ op: "in", field: "category", values: ["it", "office"] }, true],
    [{ op: "in", field: "category", values: ["travel"] }, false],
    [{ op: "in", field: "amount", values: [1000, 1500] }, true],
    [{ op: "exists", field: "title" }, true],
  ] as [Guard, boolean][])("%j is %s", (guard, expected) => {
    expect(evaluateGuard(guard, data)).toBe(expected);
  });

  it("compares date strings as dates", () => {
    expect(evaluateGuard({ op: "lt", field: "needed_by", value: "2024-06-01" }, data)).toBe(true);
    expect(evaluateGuard({ op: "gt", field: "needed_by", value: "2024-05-09" }, data)).toBe(true);
    expect(evaluateGuard({ op: "gte", field: "needed_by", value: "2024-05-10" }, data)).toBe(true);
    // Same instant in two notations.
    expect(
      evaluateGuard({ op: "eq", field: "needed_by", value: "2024-05-10T00:00:00Z" }, data),
    ).toBe(true);
    expect(
      evaluateGuard({ op: "lt", field: "needed_by", value: "2024-05-10T02:00:00+01:00" }, data),
    ).toBe(true);
  });

  it("treats comparisons on missing or null fields as false", () => {
    for (const op of ["eq", "ne", "gt", "gte", "lt", "lte"] as const) {
      expect(evaluateGuard({ op, field: "vendor", value: 1 }, data)).toBe(false);
      expect(evaluateGuard({ op, field: "note", value: "x" }, data)).toBe(false);
    }
    expect(evaluateGuard({ op: "in", field: "vendor", values: ["a"] }, data)).toBe(false);
    expect(evaluateGuard({ op: "exists", field: "vendor" }, data)).toBe(false);
    expect(evaluateGuard({ op: "exists", field: "note" }, data)).toBe(false);
    expect(evaluateGuard({ op: "not", guard: { op: "exists", field: "vendor" } }, data)).toBe(true);
  });

  it("does not throw or coerce on odd data", () => {
    const odd = { amount: "1500", flag: "true", nested: { a: 1 }, list: [1], nan: Number.NaN };
    expect(evaluateGuard({ op: "gt", field: "amount", value: 1000 }, odd)).toBe(false);
    expect(evaluateGuard({ op: "eq", field: "amount", value: 1500 }, odd)).toBe(false);
    expect(evaluateGuard({ op: "eq", field: "flag", value: true }, odd)).toBe(false);
    expect(evaluateGuard({ op: "gt", field: "flag", value: true }, odd)).toBe(false);
    expect(evaluateGuard({ op: "eq", field: "nested", value: "x" }, odd)).toBe(false);
    expect(evaluateGuard({ op: "ne", field: "nested", value: "x" }, odd)).toBe(true);
    expect(evaluateGuard({ op: "lt", field: "list", value: 2 }, odd)).toBe(false);
    expect(evaluateGuard({ op: "gte", field: "nan", value: 0 }, odd)).toBe(false);
    expect(evaluateGuard({ op: "lt", field: "nan", value: 0 }, odd)).toBe(false);
    // Prototype members are not data.
    expect(evaluateGuard({ op: "exists", field: "constructor" }, {})).toBe(false);
    expect(evaluateGuard({ op: "exists", field: "x" }, null as never)).toBe(false);
  });

  it("combines with and, or and not, nested", () => {
    const bigIt: Guard = {
      op: "and",
      all: [
        { op: "gt", field: "amount", value: 1000 },
        { op: "eq", field: "category", value: "it" },
      ],
    };
    expect(evaluateGuard(bigIt, data)).toBe(true);
    expect(evaluateGuard({ op: "not", guard: bigIt }, data)).toBe(false);
    const either: Guard = {
      op: "or",
      all: [
        { op: "eq", field: "urgent", value: true },
        { op: "not", guard: bigIt },
      ],
    };
    expect(evaluateGuard(either, data)).toBe(false);
    expect(evaluateGuard(either, { ...data, urgent: true })).toBe(true);
    expect(evaluateGuard(either, { ...data, amount: 10 })).toBe(true);
    expect(
      evaluateGuard({ op: "and", all: [bigIt, { op: "exists", field: "vendor" }] }, data),
    ).toBe(false);
  });
});

describe("describeGuard", () => {
  it.each([
    [{ op: "gt", field: "amount", value: 1000 }, "amount > 1000"],
    [{ op: "gte", field: "amount", value: 1000 }, "amount >= 1000"],
    [{ op: "lt", field: "amount", value: 5 }, "amount < 5"],
    [{ op: "lte", field: "amount", value: 1000 }, "amount <= 1000"],
    [{ op: "eq", field: "category", value: "it" }, 'category = "it"'],
    [{ op: "ne", field: "urgent", value: true }, "urgent != true"],
    [
      { op: "in", field: "category", values: ["it", "office"] },
      'category is one of "it", "office"',
    ],
    [{ op: "exists", field: "needed_by" }, "needed_by is set"],
    [{ op: "not", guard: { op: "exists", field: "needed_by" } }, "not (needed_by is set)"],
    [
      {
        op: "and",
        all: [
          { op: "gt", field: "amount", value: 1000 },
          {
            op: "or",
            all: [
              { op: "eq", field: "category", value: "it" },
              { op: "eq", field: "urgent", value: true },
            ],
          },
        ],
      },
      'amount > 1000 and (category = "it" or urgent = true)',
    ],
  ] as [Guard, string][])("%j reads %s", (guard, text) => {
    expect(describeGuard(guard)).toBe(text);
  });
});

describe("ZGuardSchema", () => {
  it("accepts nested guards", () => {
    const guard = {
      op: "not",
      guard: {
        op: "or",
        all: [
          { op: "in", field: "a", values: [1, "x", true] },
          { op: "exists", field: "b" },
        ],
      },
    };
    expect(ZGuardSchema.parse(guard)).toEqual(guard);
  });

  it.each([
    { op: "gt", field: "amount" },
    { op: "and", all: [] },
    { op: "in", field: "a", values: [] },
    { op: "eq", field: "Amount", value: 1 },
    { op: "eq", field: "a", value: null },
    { op: "exists", field: "a", extra: 1 },
    { op: "not", guard: { op: "xor" } },
  ])("rejects %j", (guard) => {
    expect(ZGuardSchema.safeParse(guard).success).toBe(false);
  });
});
