import { describe, expect, it } from "vitest";
import { buildDataSchema, ZKeySchema } from "../src";
import { purchaseRequest } from "./fixtures";

const schema = buildDataSchema(purchaseRequest().dataFields);
const valid = { title: "Laptop", amount: 1500, category: "it" };

function issuePaths(input: unknown): PropertyKey[][] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path);
}

describe("buildDataSchema", () => {
  it("accepts a complete document and one with only required fields", () => {
    expect(schema.parse(valid)).toEqual(valid);
    const full = { ...valid, needed_by: "2024-05-10", urgent: true };
    expect(schema.parse(full)).toEqual(full);
  });

  it("accepts null for optional fields", () => {
    expect(schema.safeParse({ ...valid, needed_by: null, urgent: null }).success).toBe(true);
  });

  it("rejects unknown keys", () => {
    const result = schema.safeParse({ ...valid, vendor: "ACME" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe("unrecognized_keys");
  });

  it("rejects missing, null and blank required fields", () => {
    expect(issuePaths({ title: "Laptop", category: "it" })).toEqual([["amount"]]);
    expect(issuePaths({ ...valid, amount: null })).toEqual([["amount"]]);
    expect(issuePaths({ ...valid, title: "   " })).toEqual([["title"]]);
  });

  it("rejects wrong types", () => {
    expect(issuePaths({ ...valid, amount: "1500" })).toEqual([["amount"]]);
    expect(issuePaths({ ...valid, urgent: "yes" })).toEqual([["urgent"]]);
    expect(issuePaths({ ...valid, title: 42 })).toEqual([["title"]]);
    expect(issuePaths({ ...valid, amount: Number.POSITIVE_INFINITY })).toEqual([["amount"]]);
  });

  it("accepts only ISO calendar dates for date fields", () => {
    expect(issuePaths({ ...valid, needed_by: "2024-02-29" })).toEqual([]);
    expect(issuePaths({ ...valid, needed_by: "10/05/2024" })).toEqual([["needed_by"]]);
    expect(issuePaths({ ...valid, needed_by: "2024-02-30" })).toEqual([["needed_by"]]);
  });

  it("accepts only listed enum options", () => {
    expect(issuePaths({ ...valid, category: "travel" })).toEqual([]);
    expect(issuePaths({ ...valid, category: "food" })).toEqual([["category"]]);
  });

  it("builds an empty strict schema when there are no fields", () => {
    const empty = buildDataSchema([]);
    expect(empty.safeParse({}).success).toBe(true);
    expect(empty.safeParse({ a: 1 }).success).toBe(false);
  });
});

describe("ZKeySchema", () => {
  it("refuses keys that could not be object keys of a response (constructor, prototype)", () => {
    expect(ZKeySchema.safeParse("constructor").success).toBe(false);
    expect(ZKeySchema.safeParse("prototype").success).toBe(false);
    expect(ZKeySchema.parse("constructor_id")).toBe("constructor_id");
  });
});
