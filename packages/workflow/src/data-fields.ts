import { z } from "zod";
import { type DataField } from "./definition";

/** An instance's data document, keyed by data field key. */
export type DataDocument = Readonly<Record<string, unknown>>;

function valueSchema(field: DataField): z.ZodType {
  switch (field.type) {
    case "string":
      // A required text box left blank is as good as missing.
      return field.required ? z.string().regex(/\S/, "must not be empty") : z.string();
    case "number":
      return z.number();
    case "boolean":
      return z.boolean();
    case "date":
      // Calendar dates, not instants: "due 2024-05-01" must not shift a day
      // depending on the viewer's time zone.
      return z.iso.date();
    case "enum":
      return z.enum(field.options ?? []);
  }
}

/**
 * Builds the schema an instance's data must satisfy on create and update.
 * Unknown keys are rejected so a renamed or removed field cannot leave stale
 * values that guards would keep reading. Optional fields accept null because
 * that is how forms clear a value.
 */
export function buildDataSchema(dataFields: readonly DataField[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of dataFields) {
    const schema = valueSchema(field);
    shape[field.key] = field.required ? schema : schema.nullable().optional();
  }
  return z.strictObject(shape);
}
