import { z } from "zod";

/** A literal a guard compares a data field against. */
export type GuardValue = string | number | boolean;

export type ComparisonOp = "eq" | "ne" | "gt" | "gte" | "lt" | "lte";

/**
 * A condition on an instance's data document. Stored as JSON inside a
 * template definition, so it is plain data rather than code: templates are
 * edited by end users and must never be able to run arbitrary logic.
 */
export type Guard =
  | { op: "and" | "or"; all: Guard[] }
  | { op: "not"; guard: Guard }
  | { op: ComparisonOp; field: string; value: GuardValue }
  | { op: "in"; field: string; values: GuardValue[] }
  | { op: "exists"; field: string };

export const COMPARISON_OPS = ["eq", "ne", "gt", "gte", "lt", "lte"] as const;
export const ORDERING_OPS: readonly ComparisonOp[] = ["gt", "gte", "lt", "lte"];

// Guards name data fields, which share the key rules of the definition. The
// regex is repeated here (not imported) so this module has no dependency on
// the definition module, which itself embeds guards.
const ZGuardFieldSchema = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, "must be a lowercase slug (a-z, 0-9, _), starting with a letter");

export const ZGuardValueSchema = z.union([z.string(), z.number(), z.boolean()]);

export const ZGuardSchema: z.ZodType<Guard> = z.lazy(() =>
  z.union([
    z.strictObject({
      op: z.enum(["and", "or"]),
      // An empty list has no obvious meaning to a template author, so it is
      // rejected instead of silently being "always" or "never".
      all: z.array(ZGuardSchema).min(1),
    }),
    z.strictObject({ op: z.literal("not"), guard: ZGuardSchema }),
    z.strictObject({
      op: z.enum(COMPARISON_OPS),
      field: ZGuardFieldSchema,
      value: ZGuardValueSchema,
    }),
    z.strictObject({
      op: z.literal("in"),
      field: ZGuardFieldSchema,
      values: z.array(ZGuardValueSchema).min(1),
    }),
    z.strictObject({ op: z.literal("exists"), field: ZGuardFieldSchema }),
  ]),
);
