import { ZRoleSetPermissionsInputSchema } from "@fastnext/validators";

import { ZRoleViewSchema } from "../../../services/admin/roles/view";
import { setRolePermissions } from "../../../services/admin/roles/write";
import { serviceContext } from "../../../services/context";
import { permissionProcedure } from "../../../trpc/procedures";

/** Keys must be catalogue permissions; holders see the change at their next request. */
export const setPermissions = permissionProcedure("role.manage")
  .input(ZRoleSetPermissionsInputSchema)
  .output(ZRoleViewSchema)
  .mutation(({ ctx, input }) => setRolePermissions(serviceContext(ctx), input));
