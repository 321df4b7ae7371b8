import { serviceContext } from "@fastnext/core";
import { deleteRole } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZAdminRolesDeleteInputSchema, ZAdminRolesDeleteOutputSchema } from "./delete.types";

/** Not system roles; a role in use only with `reassignTo` (its users move there in the same transaction). */
export const remove = permissionProcedure("role.manage")
  .input(ZAdminRolesDeleteInputSchema)
  .output(ZAdminRolesDeleteOutputSchema)
  .mutation(({ ctx, input }) => deleteRole(serviceContext(ctx), input));
