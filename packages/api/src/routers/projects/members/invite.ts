import { ZProjectMemberInviteInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { inviteMember } from "../../../services/projects/members/add";
import { ZProjectMemberViewSchema } from "../../../services/projects/members/view";
import { authedProcedure } from "../../../trpc/procedures";

/** `add` by e-mail address, for owners who cannot look people up; raises project.member_added. */
export const invite = authedProcedure
  .input(ZProjectMemberInviteInputSchema)
  .output(ZProjectMemberViewSchema)
  .mutation(({ ctx, input }) => inviteMember(serviceContext(ctx), input));
