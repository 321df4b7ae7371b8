import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { getRole, ZRoleViewSchema } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";

export const get = permissionProcedure("role.read")
  .input(z.object({ id: z.uuid() }))
  .output(ZRoleViewSchema)
  .query(({ ctx, input }) => getRole(serviceContext(ctx), input.id));
