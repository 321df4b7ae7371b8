import { ZRoleUpdateInputSchema } from "@fastnext/validators";

import { ZRoleViewSchema } from "../../../services/admin/roles/view";
import { updateRole } from "../../../services/admin/roles/write";
import { serviceContext } from "../../../services/context";
import { permissionProcedure } from "../../../trpc/procedures";

export const update = permissionProcedure("role.manage")
  .input(ZRoleUpdateInputSchema)
  .output(ZRoleViewSchema)
  .mutation(({ ctx, input }) => updateRole(serviceContext(ctx), input));
