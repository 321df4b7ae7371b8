import { serviceContext, ZPageInputSchema } from "@fastnext/core";
import { listMyActivities } from "@fastnext/core/users";

import { authedProcedure } from "../../../trpc/procedures";
import { ZUsersActivitiesListOutputSchema } from "./list.types";

/** The caller's own activity trail, newest first. */
export const list = authedProcedure
  .input(ZPageInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/users/me/activities",
      tags: ["users"],
      summary: "The caller's activity trail, newest first",
    },
  })
  .output(ZUsersActivitiesListOutputSchema)
  .query(({ ctx, input }) => listMyActivities(serviceContext(ctx), input));
