import { z } from "zod";

import { ZInvitationRevokeInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { revokeInvitation } from "../../../services/projects/invitations/revoke";
import { authedProcedure } from "../../../trpc/procedures";

/** Owner or project.manage_all: the link stops working. */
export const revoke = authedProcedure
  .input(ZInvitationRevokeInputSchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) => revokeInvitation(serviceContext(ctx), input));
