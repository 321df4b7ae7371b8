import { getInvitation, ZInvitationPublicViewSchema } from "@fastnext/core/invitations";
import { ZInvitationTokenInputSchema } from "@fastnext/validators";

import { publicProcedure } from "../../trpc/procedures";

/** Public: the link's secret is the proof needed to see what it offers. */
export const get = publicProcedure
  .input(ZInvitationTokenInputSchema)
  .output(ZInvitationPublicViewSchema)
  .query(({ ctx, input }) => getInvitation(ctx.deps.pool, input.token));
