import { serviceContext } from "@fastnext/core";
import { acceptInvitation, ZJoinOutcomeSchema } from "@fastnext/core/invitations";
import { ZInvitationTokenInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../trpc/procedures";

/** The signed-in invitee (their account's address is the one invited) joins; raises project.member_added. */
export const accept = authedProcedure
  .input(ZInvitationTokenInputSchema)
  .output(ZJoinOutcomeSchema)
  .mutation(({ ctx, input }) => acceptInvitation(serviceContext(ctx), input.token));
