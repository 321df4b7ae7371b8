import { serviceContext } from "@fastnext/core";
import { getRole, ZRoleViewSchema } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZAdminRolesGetInputSchema } from "./get.types";

export const get = permissionProcedure("role.read")
  .input(ZAdminRolesGetInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/admin/roles/{id}",
      tags: ["admin"],
      summary: "One role with its permissions",
    },
  })
  .output(ZRoleViewSchema)
  .query(({ ctx, input }) => getRole(serviceContext(ctx), input.id));
