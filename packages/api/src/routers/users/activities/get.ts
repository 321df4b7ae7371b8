import { serviceContext } from "@fastnext/core";
import { getMyActivity, ZActivityViewSchema } from "@fastnext/core/users";

import { authedProcedure } from "../../../trpc/procedures";
import { ZUsersActivitiesGetInputSchema } from "./get.types";

/** One entry of the caller's own trail; anyone else's is NOT_FOUND. */
export const get = authedProcedure
  .input(ZUsersActivitiesGetInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/users/me/activities/{id}",
      tags: ["users"],
      summary: "One entry of the caller's activity trail",
    },
  })
  .output(ZActivityViewSchema)
  .query(({ ctx, input }) => getMyActivity(serviceContext(ctx), input.id));
