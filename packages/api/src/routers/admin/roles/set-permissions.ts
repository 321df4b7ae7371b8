import { serviceContext } from "@fastnext/core";
import { setRolePermissions, ZRoleViewSchema } from "@fastnext/core/admin";
import { ZRoleSetPermissionsInputSchema } from "@fastnext/validators";

import { permissionProcedure } from "../../../trpc/procedures";

/** Keys must be catalogue permissions; holders see the change at their next request. */
export const setPermissions = permissionProcedure("role.manage")
  .input(ZRoleSetPermissionsInputSchema)
  .meta({
    openapi: {
      method: "PUT",
      path: "/admin/roles/{id}/permissions",
      tags: ["admin"],
      summary: "Replace a role's permissions",
    },
  })
  .output(ZRoleViewSchema)
  .mutation(({ ctx, input }) => setRolePermissions(serviceContext(ctx), input));
