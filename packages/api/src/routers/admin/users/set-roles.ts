import { serviceContext } from "@fastnext/core";
import { setUserRoles } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZAdminUsersSetRolesInputSchema, ZAdminUsersSetRolesOutputSchema } from "./set-roles.types";

/**
 * Replaces a user's roles. Takes effect on the user's next request: the
 * principal is loaded from the database on every request.
 */
export const setRoles = permissionProcedure("role.manage")
  .input(ZAdminUsersSetRolesInputSchema)
  .meta({
    openapi: {
      method: "PUT",
      path: "/admin/users/{userId}/roles",
      tags: ["admin"],
      summary: "Replace a user's roles",
    },
  })
  .output(ZAdminUsersSetRolesOutputSchema)
  .mutation(({ ctx, input }) => setUserRoles(serviceContext(ctx), input));
