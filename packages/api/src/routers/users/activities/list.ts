import { pageOutputSchema, serviceContext, ZPageInputSchema } from "@fastnext/core";
import { listMyActivities, ZActivityViewSchema } from "@fastnext/core/users";

import { authedProcedure } from "../../../trpc/procedures";

/** The caller's own activity trail, newest first. */
export const list = authedProcedure
  .input(ZPageInputSchema)
  .output(pageOutputSchema(ZActivityViewSchema))
  .query(({ ctx, input }) => listMyActivities(serviceContext(ctx), input));
