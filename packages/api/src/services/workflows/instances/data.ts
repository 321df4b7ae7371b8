import { type z } from "zod";

import { type Prisma } from "@fastnext/db";
import { buildDataSchema, type DataField } from "@fastnext/workflow";

import { AppError, type FieldErrors } from "../../../errors";

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  const add = (key: string, message: string) => (fieldErrors[key] ??= []).push(message);
  for (const issue of error.issues) {
    // Unknown fields are reported on each field, so a form can point at them.
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add(`data.${key}`, "Not a field of this template");
      continue;
    }
    add(["data", ...issue.path.map(String)].join("."), issue.message);
  }
  return fieldErrors;
}

function isJsonScalar(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
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
  const document: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(parsed.data)) {
    // Every field type is a JSON scalar; anything else means the engine changed under us.
    if (!isJsonScalar(value)) throw new Error(`data field "${key}" is not a JSON scalar`);
    document[key] = value;
  }
  return document;
}
