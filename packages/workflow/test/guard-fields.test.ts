import { describe, expect, it } from "vitest";

import { guardFields, type Guard } from "../src";

describe("guardFields", () => {
  it("names each field a guard reads once, in order, through and/or/not", () => {
    const guard: Guard = {
      op: "and",
      all: [
        { op: "gte", field: "amount", value: 100 },
        {
          op: "or",
          all: [
            { op: "exists", field: "approver" },
            { op: "in", field: "tier", values: ["a", "b"] },
          ],
        },
        { op: "not", guard: { op: "eq", field: "amount", value: 0 } },
      ],
    };
    expect(guardFields(guard)).toEqual(["amount", "approver", "tier"]);
  });

  it("reads one field of a single comparison", () => {
    expect(guardFields({ op: "exists", field: "due_date" })).toEqual(["due_date"]);
  });
});
