import { serviceContext } from "@fastnext/core";
import { getRole, ZRoleViewSchema } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZAdminRolesGetInputSchema } from "./get.types";

export const get = permissionProcedure("role.read")
  .input(ZAdminRolesGetInputSchema)
  .output(ZRoleViewSchema)
  .query(({ ctx, input }) => getRole(serviceContext(ctx), input.id));
