import { serviceContext } from "../../../services/context";
import { listMyActivities } from "../../../services/users/activities";
import { ZActivityViewSchema } from "../../../services/users/activity-view";
import { pageOutputSchema, ZPageInputSchema } from "../../../shared/pagination";
import { authedProcedure } from "../../../trpc/procedures";

/** The caller's own activity trail, newest first. */
export const list = authedProcedure
  .input(ZPageInputSchema)
  .output(pageOutputSchema(ZActivityViewSchema))
  .query(({ ctx, input }) => listMyActivities(serviceContext(ctx), input));
