import { serviceContext } from "@fastnext/core";
import { updateRole, ZRoleViewSchema } from "@fastnext/core/admin";
import { ZRoleUpdateInputSchema } from "@fastnext/validators";

import { permissionProcedure } from "../../../trpc/procedures";

export const update = permissionProcedure("role.manage")
  .input(ZRoleUpdateInputSchema)
  .meta({
    openapi: {
      method: "PATCH",
      path: "/admin/roles/{id}",
      tags: ["admin"],
      summary: "Change a role",
    },
  })
  .output(ZRoleViewSchema)
  .mutation(({ ctx, input }) => updateRole(serviceContext(ctx), input));
