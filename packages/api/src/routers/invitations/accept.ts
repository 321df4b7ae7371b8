import { serviceContext } from "@fastnext/core";
import { acceptInvitation, ZJoinOutcomeSchema } from "@fastnext/core/invitations";

import { authedProcedure } from "../../trpc/procedures";
import { ZInvitationTokenInputSchema } from "./invitations.types";

/** The signed-in invitee (their account's address is the one invited) joins; raises project.member_added. */
export const accept = authedProcedure
  .input(ZInvitationTokenInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/invitations/{token}/accept",
      tags: ["invitations"],
      summary: "Accept an invitation",
    },
  })
  .output(ZJoinOutcomeSchema)
  .mutation(({ ctx, input }) => acceptInvitation(serviceContext(ctx), input.token));
