import { ZAdminUserUpdateInputSchema } from "@fastnext/validators";

import { updateUser } from "../../../services/admin/users/update";
import { ZAdminUserViewSchema } from "../../../services/admin/users/view";
import { serviceContext } from "../../../services/context";
import { permissionProcedure } from "../../../trpc/procedures";

export const update = permissionProcedure("user.manage")
  .input(ZAdminUserUpdateInputSchema)
  .output(ZAdminUserViewSchema)
  .mutation(({ ctx, input }) => updateUser(serviceContext(ctx), input));
