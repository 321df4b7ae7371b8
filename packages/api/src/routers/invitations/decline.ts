import { z } from "zod";

import { ZInvitationTokenInputSchema } from "@fastnext/validators";

import { declineInvitation } from "../../services/invitations/decline";
import { serviceContext } from "../../services/context";
import { authedProcedure } from "../../trpc/procedures";

/** The signed-in invitee turns the invitation down. */
export const decline = authedProcedure
  .input(ZInvitationTokenInputSchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) => declineInvitation(serviceContext(ctx), input.token));
