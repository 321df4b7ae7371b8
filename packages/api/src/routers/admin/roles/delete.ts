import { serviceContext } from "@fastnext/core";
import { deleteRole } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZAdminRolesDeleteInputSchema, ZAdminRolesDeleteOutputSchema } from "./delete.types";

/** Not system roles; a role in use only with `reassignTo` (its users move there in the same transaction). */
export const remove = permissionProcedure("role.manage")
  .input(ZAdminRolesDeleteInputSchema)
  .meta({
    openapi: {
      method: "DELETE",
      path: "/admin/roles/{id}",
      tags: ["admin"],
      summary: "Delete a role",
    },
  })
  .output(ZAdminRolesDeleteOutputSchema)
  .mutation(({ ctx, input }) => deleteRole(serviceContext(ctx), input));
