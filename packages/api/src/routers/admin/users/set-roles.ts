import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { setUserRoles } from "@fastnext/core/admin";
import { ZRoleKeySchema } from "@fastnext/validators";

import { permissionProcedure } from "../../../trpc/procedures";

export const ZSetRolesInputSchema = z.object({
  userId: z.uuid(),
  roleKeys: z.array(ZRoleKeySchema).max(50),
});

/**
 * Replaces a user's roles. Takes effect on the user's next request: the
 * principal is loaded from the database on every request.
 */
export const setRoles = permissionProcedure("role.manage")
  .input(ZSetRolesInputSchema)
  .output(z.object({ userId: z.uuid(), roleKeys: z.array(z.string()) }))
  .mutation(({ ctx, input }) => setUserRoles(serviceContext(ctx), input));
