import { createHash } from "node:crypto";

/**
 * The same value whatever order its keys came in: keys sorted, undefined
 * members dropped (the wire does not keep them apart from absent ones), dates
 * as ISO strings. Arrays keep their order, which is meaningful.
 */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (typeof value === "bigint") return { $bigint: value.toString() };
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => [key, canonical(member)] as const);
    return Object.fromEntries(entries);
  }
  return value;
}

/** SHA-256 (hex) of the canonical JSON of an input: equal for the same input sent again. */
export function hashInput(input: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(canonical(input)))
    .digest("hex");
}
