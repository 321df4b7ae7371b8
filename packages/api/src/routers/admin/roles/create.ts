import { ZRoleCreateInputSchema } from "@fastnext/validators";

import { ZRoleViewSchema } from "../../../services/admin/roles/view";
import { createRole } from "../../../services/admin/roles/write";
import { serviceContext } from "../../../services/context";
import { permissionProcedure } from "../../../trpc/procedures";

export const create = permissionProcedure("role.manage")
  .input(ZRoleCreateInputSchema)
  .output(ZRoleViewSchema)
  .mutation(({ ctx, input }) => createRole(serviceContext(ctx), input));
