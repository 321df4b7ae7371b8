import { serviceContext } from "@fastnext/core";
import { declineInvitation } from "@fastnext/core/invitations";

import { authedProcedure } from "../../trpc/procedures";
import { ZInvitationsDeclineOutputSchema } from "./decline.types";
import { ZInvitationTokenInputSchema } from "./invitations.types";

/** The signed-in invitee turns the invitation down. */
export const decline = authedProcedure
  .input(ZInvitationTokenInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/invitations/{token}/decline",
      tags: ["invitations"],
      summary: "Decline an invitation",
    },
  })
  .output(ZInvitationsDeclineOutputSchema)
  .mutation(({ ctx, input }) => declineInvitation(serviceContext(ctx), input.token));
