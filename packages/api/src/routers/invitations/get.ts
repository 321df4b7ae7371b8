import { ZInvitationTokenInputSchema } from "@fastnext/validators";

import { getInvitation } from "../../services/invitations/get";
import { ZInvitationPublicViewSchema } from "../../services/invitations/view";
import { publicProcedure } from "../../trpc/procedures";

/** Public: the link's secret is the proof needed to see what it offers. */
export const get = publicProcedure
  .input(ZInvitationTokenInputSchema)
  .output(ZInvitationPublicViewSchema)
  .query(({ ctx, input }) => getInvitation(ctx.deps.pool, input.token));
