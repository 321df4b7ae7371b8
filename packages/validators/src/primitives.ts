import { z } from "zod";

/*
 * The building blocks every input schema is made of. Whatever passes them
 * can be stored by PostgreSQL as it is: a value it would refuse is refused
 * here, as a field error, instead of failing half-way through a write.
 */

/** U+0000, and UTF-16 surrogate halves without their other half: neither text nor jsonb can hold them. */
const UNSTORABLE_CHARACTER =
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE =
  "Contains a character that cannot be stored (NUL or a broken surrogate pair)";

export function isStorableText(value: string): boolean {
  return !UNSTORABLE_CHARACTER.test(value);
}

/**
 * The one string every text input starts from (`ZTextSchema.trim().max(120)`):
 * refuses characters the database cannot store.
 */
export const ZTextSchema = z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

/*
 * Instants PostgreSQL's timestamptz and JavaScript agree on and print the
 * same way: years 1 to 9999. (JavaScript accepts year 0 and six-digit years,
 * which the database refuses.)
 */
export const MIN_DATE = new Date("0001-01-01T00:00:00.000Z");
export const MAX_DATE = new Date("9999-12-31T23:59:59.999Z");

/** Every date input: a valid Date within MIN_DATE..MAX_DATE. */
export const ZDateSchema = z
  .date({ error: "Enter a valid date" })
  .min(MIN_DATE, "Must be in the year 1 or later")
  .max(MAX_DATE, "Must be in the year 9999 or earlier");

export interface JsonBounds {
  /** Nesting of arrays and objects: a scalar has depth 0, `[1]` has depth 1. */
  maxDepth: number;
  /** Arrays, objects, keys and scalars counted together. */
  maxNodes: number;
}

/**
 * Why a JSON-like value is out of bounds, or null when it is not. Walks
 * with an explicit stack, so a hostile document cannot exhaust the call
 * stack; strings (keys included) must be storable text.
 */
export function jsonBoundsProblem(value: unknown, bounds: JsonBounds): string | null {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let nodes = 0;
  while (pending.length > 0) {
    const next = pending.pop();
    if (!next) break;
    nodes += 1;
    if (nodes > bounds.maxNodes) return `Too large (at most ${bounds.maxNodes} values)`;
    const inner = next.value;
    if (typeof inner === "string") {
      if (!isStorableText(inner)) return UNSTORABLE_TEXT_MESSAGE;
      continue;
    }
    if (inner === null || typeof inner !== "object") continue;
    if (next.depth >= bounds.maxDepth)
      return `Nested too deeply (at most ${bounds.maxDepth} levels)`;
    const children = Array.isArray(inner) ? (inner as unknown[]) : Object.entries(inner).flat();
    for (const child of children) pending.push({ value: child, depth: next.depth + 1 });
  }
  return null;
}

/**
 * A schema that first checks `bounds` (no recursion), then hands the value
 * to `inner`. Put it in front of every recursive or free-form input, so
 * that `inner`'s own recursion always has a small, known depth.
 */
export function bounded<T extends z.ZodType>(
  inner: T,
  bounds: JsonBounds,
): z.ZodType<z.output<T>, z.input<T>> {
  const checked = z
    .unknown()
    .superRefine((value, ctx) => {
      const problem = jsonBoundsProblem(value, bounds);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .pipe(inner);
  // Typed as `inner` is: callers (and typed clients) see the input the inner schema describes, not unknown.
  return checked as unknown as z.ZodType<z.output<T>, z.input<T>>;
}

/**
 * A decimal amount, sent as text so no digit is lost to floating point:
 * up to 16 digits before the point and 2 after (a `Decimal(18, 2)` column).
 */
export const ZDecimalInputSchema = ZTextSchema.trim().regex(
  /^-?\d{1,16}(\.\d{1,2})?$/,
  "Enter a number with at most 2 decimals",
);

/** A free-form JSON object carried by an input: bounded, so no document can exhaust the server. */
export const ZJsonDocumentSchema = bounded(z.record(ZTextSchema.max(64), z.json()), {
  maxDepth: 6,
  maxNodes: 1_000,
});
