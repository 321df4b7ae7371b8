import { pageOutputSchema, serviceContext, ZPageInputSchema } from "@fastnext/core";
import { listRoles, ZRoleViewSchema } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";

export const list = permissionProcedure("role.read")
  .input(ZPageInputSchema)
  .output(pageOutputSchema(ZRoleViewSchema))
  .query(({ ctx, input }) => listRoles(serviceContext(ctx), input));
