import { z } from "zod";

import { getUser } from "../../../services/admin/users/get";
import { ZAdminUserViewSchema } from "../../../services/admin/users/view";
import { serviceContext } from "../../../services/context";
import { permissionProcedure } from "../../../trpc/procedures";

export const get = permissionProcedure("user.read")
  .input(z.object({ id: z.uuid() }))
  .output(ZAdminUserViewSchema)
  .query(({ ctx, input }) => getUser(serviceContext(ctx), input.id));
