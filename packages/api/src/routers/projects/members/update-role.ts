import { ZProjectMemberInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { updateMemberRole } from "../../../services/projects/members/update-role";
import { ZProjectMemberViewSchema } from "../../../services/projects/members/view";
import { authedProcedure } from "../../../trpc/procedures";

/** Owner or project.manage_all; the last owner cannot be demoted. */
export const updateRole = authedProcedure
  .input(ZProjectMemberInputSchema)
  .output(ZProjectMemberViewSchema)
  .mutation(({ ctx, input }) => updateMemberRole(serviceContext(ctx), input));
