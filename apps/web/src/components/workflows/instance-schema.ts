import { z } from "zod";

import { buildDataSchema, type DataField } from "@fastnext/workflow";

/**
 * What the new-item form checks before sending: the API's title rule and
 * the template's own data schema (the one the API applies), so the errors
 * land on the same `data.<key>` paths either way.
 */
export function instanceFormSchema(fields: readonly DataField[]) {
  return z.object({
    title: z.string().trim().min(1, "Required").max(200),
    data: buildDataSchema(fields),
  });
}
