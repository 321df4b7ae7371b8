import { serviceContext } from "@fastnext/core";
import { listActivities } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZAdminActivitiesListInputSchema, ZAdminActivitiesListOutputSchema } from "./list.types";

/** Everyone's trail, filtered, newest first. */
export const list = permissionProcedure("activity.read_all")
  .input(ZAdminActivitiesListInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/admin/activities",
      tags: ["admin"],
      summary: "Everyone's activity trail, filtered, newest first",
    },
  })
  .output(ZAdminActivitiesListOutputSchema)
  .query(({ ctx, input }) => listActivities(serviceContext(ctx), input));
