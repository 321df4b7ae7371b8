import { serviceContext } from "@fastnext/core";
import { setUsersActive } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";
import {
  ZAdminUsersSetActiveManyInputSchema,
  ZAdminUsersSetActiveManyOutputSchema,
} from "./set-active-many.types";

/** All or nothing: one refused user (unknown, oneself, the last admin) refuses them all. */
export const setActiveMany = permissionProcedure("user.manage")
  .input(ZAdminUsersSetActiveManyInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/admin/users/active",
      tags: ["admin"],
      summary: "Activate or deactivate several users",
    },
  })
  .output(ZAdminUsersSetActiveManyOutputSchema)
  .mutation(async ({ ctx, input }) => ({
    items: await setUsersActive(serviceContext(ctx), input),
  }));
