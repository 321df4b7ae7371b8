import { z } from "zod";

import { pageOutputSchema, serviceContext, ZPageInputSchema } from "@fastnext/core";
import { listActivities } from "@fastnext/core/admin";
import { ZActivityViewSchema } from "@fastnext/core/users";
import { ZDateSchema, ZTextSchema } from "@fastnext/validators";

import { permissionProcedure } from "../../../trpc/procedures";

export const ZActivityListInputSchema = ZPageInputSchema.extend({
  actorId: z.uuid().optional(),
  action: ZTextSchema.trim().min(1).max(100).optional(),
  entityType: ZTextSchema.trim().min(1).max(100).optional(),
  entityId: ZTextSchema.trim().min(1).max(200).optional(),
  /** createdAt ≥ from. */
  from: ZDateSchema.optional(),
  /** createdAt < to. */
  to: ZDateSchema.optional(),
});

/** Everyone's trail, filtered, newest first. */
export const list = permissionProcedure("activity.read_all")
  .input(ZActivityListInputSchema)
  .output(pageOutputSchema(ZActivityViewSchema))
  .query(({ ctx, input }) => listActivities(serviceContext(ctx), input));
