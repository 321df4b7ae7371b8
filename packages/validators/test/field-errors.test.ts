import { describe, expect, it } from "vitest";
import { z } from "zod";

import { collectFieldErrors, flattenIssues } from "../src";

describe("flattenIssues", () => {
  it("keys field errors by dotted path, in order, and keeps whole-input issues as form errors", () => {
    const schema = z
      .object({
        name: z
          .string()
          .min(3, "Too short")
          .regex(/^[a-z]+$/, "Lower case only"),
        definition: z.object({ states: z.array(z.object({ key: z.string().min(1, "Required") })) }),
      })
      .refine(() => false, "Not allowed");
    const result = schema.safeParse({
      name: "A",
      definition: { states: [{ key: "a" }, { key: "" }] },
    });
    if (result.success) throw new Error("expected a refusal");
    expect(flattenIssues(result.error)).toEqual({
      fieldErrors: {
        name: ["Too short", "Lower case only"],
        "definition.states.1.key": ["Required"],
      },
      formErrors: ["Not allowed"],
    });

    const whole = z.string().safeParse(1);
    if (whole.success) throw new Error("expected a refusal");
    expect(flattenIssues(whole.error).formErrors).toHaveLength(1);
    expect(flattenIssues(whole.error).fieldErrors).toEqual({});
  });

  it("reports a field superjson will not serialise as a form error naming it", () => {
    const result = z.object({ constructor: z.string() }).strict().safeParse({ constructor: 1 });
    if (result.success) throw new Error("expected a refusal");
    const flat = flattenIssues(result.error);
    expect(flat.fieldErrors).toEqual({});
    expect(flat.formErrors).toEqual([expect.stringMatching(/^constructor: /)]);
  });
});

describe("collectFieldErrors", () => {
  it("makes own properties of any field name, never touching the prototype", () => {
    const errors = collectFieldErrors([
      ["toString", "Bad"],
      ["__proto__", "Worse"],
      ["toString", "Again"],
    ]);
    expect(Object.getPrototypeOf(errors)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(errors, "toString")?.value).toEqual(["Bad", "Again"]);
    expect(Object.hasOwn(errors, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
