import { serviceContext } from "@fastnext/core";
import { listActivities } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZAdminActivitiesListInputSchema, ZAdminActivitiesListOutputSchema } from "./list.types";

/** Everyone's trail, filtered, newest first. */
export const list = permissionProcedure("activity.read_all")
  .input(ZAdminActivitiesListInputSchema)
  .output(ZAdminActivitiesListOutputSchema)
  .query(({ ctx, input }) => listActivities(serviceContext(ctx), input));
