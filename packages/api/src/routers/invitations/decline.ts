import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { declineInvitation } from "@fastnext/core/invitations";
import { ZInvitationTokenInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../trpc/procedures";

/** The signed-in invitee turns the invitation down. */
export const decline = authedProcedure
  .input(ZInvitationTokenInputSchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) => declineInvitation(serviceContext(ctx), input.token));
