import { compareValues, valuesEqual } from "./compare";
import { type Guard } from "./guards";

/**
 * Reads a top-level field. null counts as missing because forms clear a
 * field by sending null; own-property lookup keeps keys like "constructor"
 * from resolving to the prototype.
 */
function readField(data: unknown, field: string): unknown {
  if (typeof data !== "object" || data === null || !Object.hasOwn(data, field)) return undefined;
  const value: unknown = (data as Record<string, unknown>)[field];
  return value ?? undefined;
}

/**
 * Evaluates a guard against an instance's data. Any comparison on a missing
 * field is false (so `not` of it is true): a request without an amount is
 * neither above nor below a limit, and should not pass an approval gate.
 */
export function evaluateGuard(guard: Guard, data: Readonly<Record<string, unknown>>): boolean {
  switch (guard.op) {
    case "and":
      return guard.all.every((g) => evaluateGuard(g, data));
    case "or":
      return guard.all.some((g) => evaluateGuard(g, data));
    case "not":
      return !evaluateGuard(guard.guard, data);
    case "exists":
      return readField(data, guard.field) !== undefined;
    case "in": {
      const actual = readField(data, guard.field);
      return actual !== undefined && guard.values.some((v) => valuesEqual(actual, v));
    }
    default: {
      const actual = readField(data, guard.field);
      if (actual === undefined) return false;
      if (guard.op === "eq") return valuesEqual(actual, guard.value);
      if (guard.op === "ne") return !valuesEqual(actual, guard.value);
      const order = compareValues(actual, guard.value);
      if (order === undefined) return false;
      switch (guard.op) {
        case "gt":
          return order > 0;
        case "gte":
          return order >= 0;
        case "lt":
          return order < 0;
        case "lte":
          return order <= 0;
      }
    }
  }
}
