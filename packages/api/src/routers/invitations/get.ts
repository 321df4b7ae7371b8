import { getInvitation, ZInvitationPublicViewSchema } from "@fastnext/core/invitations";

import { publicProcedure } from "../../trpc/procedures";
import { ZInvitationTokenInputSchema } from "./invitations.types";

/** Public: the link's secret is the proof needed to see what it offers. */
export const get = publicProcedure
  .input(ZInvitationTokenInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/invitations/{token}",
      tags: ["invitations"],
      summary: "What an invitation link offers",
    },
  })
  .output(ZInvitationPublicViewSchema)
  .query(({ ctx, input }) => getInvitation(ctx.deps.pool, input.token));
