import { z } from "zod";

import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import { ZActivityViewSchema } from "@fastnext/core/users";
import { ZDateSchema, ZTextSchema } from "@fastnext/validators";

export const ZAdminActivitiesListInputSchema = ZPageInputSchema.extend({
  actorId: z.uuid().optional(),
  action: ZTextSchema.trim().min(1).max(100).optional(),
  entityType: ZTextSchema.trim().min(1).max(100).optional(),
  entityId: ZTextSchema.trim().min(1).max(200).optional(),
  /** createdAt ≥ from. */
  from: ZDateSchema.optional(),
  /** createdAt < to. */
  to: ZDateSchema.optional(),
});

export const ZAdminActivitiesListOutputSchema = pageOutputSchema(ZActivityViewSchema);
