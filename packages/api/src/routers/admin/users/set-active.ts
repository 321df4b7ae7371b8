import { ZAdminUserSetActiveInputSchema } from "@fastnext/validators";

import { setUserActive } from "../../../services/admin/users/set-active";
import { ZAdminUserViewSchema } from "../../../services/admin/users/view";
import { serviceContext } from "../../../services/context";
import { permissionProcedure } from "../../../trpc/procedures";

/** Deactivation ends the user's sessions at once and raises user.deactivated. */
export const setActive = permissionProcedure("user.manage")
  .input(ZAdminUserSetActiveInputSchema)
  .output(ZAdminUserViewSchema)
  .mutation(({ ctx, input }) => setUserActive(serviceContext(ctx), input));
