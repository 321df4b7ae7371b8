import { ZProjectMemberInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { addMember } from "../../../services/projects/members/add";
import { ZProjectMemberViewSchema } from "../../../services/projects/members/view";
import { authedProcedure } from "../../../trpc/procedures";

/** Owner or project.manage_all; raises project.member_added. */
export const add = authedProcedure
  .input(ZProjectMemberInputSchema)
  .output(ZProjectMemberViewSchema)
  .mutation(({ ctx, input }) => addMember(serviceContext(ctx), input));
