import { serviceContext, ZPageInputSchema } from "@fastnext/core";
import { listRoles } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZAdminRolesListOutputSchema } from "./list.types";

export const list = permissionProcedure("role.read")
  .input(ZPageInputSchema)
  .output(ZAdminRolesListOutputSchema)
  .query(({ ctx, input }) => listRoles(serviceContext(ctx), input));
