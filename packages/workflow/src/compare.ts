import { type GuardValue } from "./guards";

// Date fields are stored as ISO strings; comparing them as instants rather
// than as text keeps "2024-05-01" and "2024-05-01T00:00:00Z" equal. A time
// part must carry a zone, because zone-less times parse in the host's local
// zone and the same guard would then decide differently on another server.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

function asInstant(value: string): number | undefined {
  if (!ISO_DATE.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Orders a stored value against a guard literal. Returns undefined when the
 * two cannot be ordered (different types, booleans, NaN, objects), which the
 * caller treats as "condition not met" rather than an error: guards run on
 * user-entered data and must never throw.
 */
export function compareValues(actual: unknown, expected: GuardValue): number | undefined {
  if (typeof actual === "number" && typeof expected === "number") {
    if (Number.isNaN(actual) || Number.isNaN(expected)) return undefined;
    return Math.sign(actual - expected);
  }
  if (typeof actual === "string" && typeof expected === "string") {
    const a = asInstant(actual);
    const b = asInstant(expected);
    if (a !== undefined && b !== undefined) return Math.sign(a - b);
    if (actual === expected) return 0;
    return actual < expected ? -1 : 1;
  }
  return undefined;
}

export function valuesEqual(actual: unknown, expected: GuardValue): boolean {
  if (typeof actual === "boolean" || typeof expected === "boolean") return actual === expected;
  return compareValues(actual, expected) === 0;
}

/** True for the date strings guards can order: a calendar date or a zoned date-time. */
export function isIsoDateString(value: string): boolean {
  return asInstant(value) !== undefined;
}
