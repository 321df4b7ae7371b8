import { serviceContext } from "@fastnext/core";
import { createRole, ZRoleViewSchema } from "@fastnext/core/admin";
import { ZRoleCreateInputSchema } from "@fastnext/validators";

import { permissionProcedure } from "../../../trpc/procedures";

export const create = permissionProcedure("role.manage")
  .input(ZRoleCreateInputSchema)
  .meta({
    openapi: { method: "POST", path: "/admin/roles", tags: ["admin"], summary: "Create a role" },
  })
  .output(ZRoleViewSchema)
  .mutation(({ ctx, input }) => createRole(serviceContext(ctx), input));
