import { type z } from "zod";

import { type Prisma } from "@fastnext/db";
import { buildDataSchema, type DataField } from "@fastnext/workflow";

import { AppError, collectFieldErrors, type FieldErrors } from "../../errors";

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return collectFieldErrors(
    error.issues.flatMap((issue): [string, string][] =>
      // Unknown fields are reported on each field, so a form can point at them.
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => [`data.${key}`, "Not a field of this template"])
        : [[["data", ...issue.path.map(String)].join("."), issue.message]],
    ),
  );
}

function isJsonScalar(value: unknown): value is string | number | boolean | null {
  return (
    value === null ||
    typeof value === "string" ||
    typeof value === "number" ||
    typeof value === "boolean"
  );
}

/**
 * Checks a data document against the template's data fields and returns it
 * as the JSON to store. BAD_REQUEST with `data.<field>` errors otherwise.
 */
export function validateData(fields: readonly DataField[], data: unknown): Prisma.InputJsonObject {
  const parsed = buildDataSchema(fields).safeParse(data);
  if (!parsed.success) {
    throw new AppError("VALIDATION", "The data does not fit the template", {
      reason: "invalid_data",
      fieldErrors: fieldErrorsOf(parsed.error),
    });
  }
  const entries = Object.entries(parsed.data).map(([key, value]) => {
    // Every field type is a JSON scalar; anything else means the engine changed under us.
    if (!isJsonScalar(value)) throw new Error(`data field "${key}" is not a JSON scalar`);
    return [key, value] as const;
  });
  // Field keys are template authors' words ("constructor" is a valid one): own properties only.
  return Object.fromEntries(entries);
}
