import { serviceContext } from "@fastnext/core";
import { setUserActive, ZAdminUserViewSchema } from "@fastnext/core/admin";
import { ZAdminUserSetActiveInputSchema } from "@fastnext/validators";

import { permissionProcedure } from "../../../trpc/procedures";

/** Deactivation ends the user's sessions at once and raises user.deactivated. */
export const setActive = permissionProcedure("user.manage")
  .input(ZAdminUserSetActiveInputSchema)
  .output(ZAdminUserViewSchema)
  .mutation(({ ctx, input }) => setUserActive(serviceContext(ctx), input));
