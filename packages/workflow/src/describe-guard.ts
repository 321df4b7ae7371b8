import { type ComparisonOp, type Guard, type GuardValue } from "./guards";

const SYMBOLS: Record<ComparisonOp, string> = {
  eq: "=",
  ne: "!=",
  gt: ">",
  gte: ">=",
  lt: "<",
  lte: "<=",
};

// Strings are quoted so `status = "open"` cannot be misread as comparing
// two fields; numbers and booleans stay bare like in a spreadsheet formula.
function formatValue(value: GuardValue): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function isCompound(guard: Guard): boolean {
  return guard.op === "and" || guard.op === "or";
}

function describeOperand(guard: Guard): string {
  const text = describeGuard(guard);
  return isCompound(guard) ? `(${text})` : text;
}

/**
 * Renders a guard as short human text for error messages and the UI, e.g.
 * `amount > 1000 and category = "it"`. Nested and/or are parenthesised so
 * the grouping the author chose stays visible.
 */
export function describeGuard(guard: Guard): string {
  switch (guard.op) {
    case "and":
    case "or":
      return guard.all.map(describeOperand).join(` ${guard.op} `);
    case "not":
      return `not (${describeGuard(guard.guard)})`;
    case "exists":
      return `${guard.field} is set`;
    case "in":
      return `${guard.field} is one of ${guard.values.map(formatValue).join(", ")}`;
    default:
      return `${guard.field} ${SYMBOLS[guard.op]} ${formatValue(guard.value)}`;
  }
}
