import { serviceContext } from "@fastnext/core";
import { deleteRole } from "@fastnext/core/admin";
import { ZRoleDeleteInputSchema } from "@fastnext/validators";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZAdminRolesDeleteOutputSchema } from "./delete.types";

/** Not system roles; a role in use only with `reassignTo` (its users move there in the same transaction). */
export const remove = permissionProcedure("role.manage")
  .input(ZRoleDeleteInputSchema)
  .output(ZAdminRolesDeleteOutputSchema)
  .mutation(({ ctx, input }) => deleteRole(serviceContext(ctx), input));
