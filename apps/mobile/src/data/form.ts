import { type z } from "zod";

import { flattenIssues, type FieldErrors } from "@fastnext/validators";

export type { FieldErrors };

export type FormCheck<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

/**
 * Checks a form against the API's own input schema (from
 * @fastnext/validators) before anything is sent, so the phone says what the
 * server would say, on the same fields, without a round trip.
 */
export function checkForm<TSchema extends z.ZodType>(
  schema: TSchema,
  values: unknown,
): FormCheck<z.output<TSchema>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fieldErrors: flattenIssues(result.error).fieldErrors };
}
