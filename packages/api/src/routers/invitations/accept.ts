import { ZInvitationTokenInputSchema } from "@fastnext/validators";

import { acceptInvitation } from "../../services/invitations/accept";
import { ZJoinOutcomeSchema } from "../../services/invitations/view";
import { serviceContext } from "../../services/context";
import { authedProcedure } from "../../trpc/procedures";

/** The signed-in invitee (their account's address is the one invited) joins; raises project.member_added. */
export const accept = authedProcedure
  .input(ZInvitationTokenInputSchema)
  .output(ZJoinOutcomeSchema)
  .mutation(({ ctx, input }) => acceptInvitation(serviceContext(ctx), input.token));
