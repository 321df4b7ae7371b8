import { z } from "zod";

import { ZTextSchema } from "@fastnext/validators";

export const ZProjectDeleteInputSchema = z.object({
  id: z.uuid(),
  /** Delete even while instances are still open (they go with the project). */
  force: z.boolean().default(false),
});

export const ZProjectListFiltersSchema = z.object({
  search: ZTextSchema.trim().min(1).max(100).optional(),
  /** false (default): active projects; true: archived ones. */
  archived: z.boolean().default(false),
});

export type ProjectDeleteInput = z.infer<typeof ZProjectDeleteInputSchema>;
export type ProjectListFilters = z.infer<typeof ZProjectListFiltersSchema>;
