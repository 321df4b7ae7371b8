import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { getUser, ZAdminUserViewSchema } from "@fastnext/core/admin";

import { permissionProcedure } from "../../../trpc/procedures";

export const get = permissionProcedure("user.read")
  .input(z.object({ id: z.uuid() }))
  .output(ZAdminUserViewSchema)
  .query(({ ctx, input }) => getUser(serviceContext(ctx), input.id));
