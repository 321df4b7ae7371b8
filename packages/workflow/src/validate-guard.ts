import { isIsoDateString } from "./compare";
import { type DataField } from "./definition";
import { type Guard, type GuardValue, ORDERING_OPS } from "./guards";
import { type Problem, type ProblemPath } from "./problems";

function valueFits(field: DataField, value: GuardValue): boolean {
  switch (field.type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "date":
      return typeof value === "string" && isIsoDateString(value);
    case "enum":
      return typeof value === "string" && (field.options ?? []).includes(value);
  }
}

function expectation(field: DataField): string {
  switch (field.type) {
    case "date":
      return "an ISO date such as 2024-05-01";
    case "enum":
      return `one of ${(field.options ?? []).map((o) => JSON.stringify(o)).join(", ")}`;
    default:
      return `a ${field.type}`;
  }
}

function mismatch(field: DataField, value: GuardValue, path: ProblemPath): Problem {
  return {
    code: "guard_type_mismatch",
    message: `Field "${field.key}" is ${field.type === "enum" ? "an" : "a"} ${field.type}; ${JSON.stringify(value)} is not ${expectation(field)}.`,
    path,
  };
}

/**
 * Checks a guard against the template's data fields. A guard that names a
 * missing field, or compares against a value of the wrong type, would simply
 * be false forever at run time; catching it at publish time is the only
 * point where the author can still be told why.
 */
export function checkGuard(
  guard: Guard,
  fields: ReadonlyMap<string, DataField>,
  path: ProblemPath,
): Problem[] {
  switch (guard.op) {
    case "and":
    case "or":
      return guard.all.flatMap((g, i) => checkGuard(g, fields, [...path, "all", i]));
    case "not":
      return checkGuard(guard.guard, fields, [...path, "guard"]);
    default:
      break;
  }
  const field = fields.get(guard.field);
  if (field === undefined) {
    return [
      {
        code: "guard_unknown_field",
        message: `The guard refers to "${guard.field}", which is not a data field of this template.`,
        path: [...path, "field"],
      },
    ];
  }
  switch (guard.op) {
    case "exists":
      return [];
    case "in":
      return guard.values.flatMap((value, i) =>
        valueFits(field, value) ? [] : [mismatch(field, value, [...path, "values", i])],
      );
    default: {
      // Booleans and enum options have no meaningful order ("approved" is not
      // greater than "pending"), so only equality is allowed on them.
      const unordered = field.type === "boolean" || field.type === "enum";
      if (unordered && ORDERING_OPS.includes(guard.op)) {
        return [
          {
            code: "guard_type_mismatch",
            message: `Field "${field.key}" is ${field.type === "enum" ? "an" : "a"} ${field.type} and cannot be compared with "${guard.op}"; use eq, ne or in.`,
            path: [...path, "op"],
          },
        ];
      }
      return valueFits(field, guard.value)
        ? []
        : [mismatch(field, guard.value, [...path, "value"])];
    }
  }
}
