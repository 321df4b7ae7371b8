import { z } from "zod";

import { registerFromInvitation, ZJoinOutcomeSchema } from "@fastnext/core/invitations";
import { ZUserViewSchema } from "@fastnext/core/users";
import { ZInvitationRegisterInputSchema } from "@fastnext/validators";

import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "../auth/meta";

/** Public: a new account for the invited address, which joins the project in the same step. */
export const register = publicProcedure
  .input(ZInvitationRegisterInputSchema)
  .output(z.object({ user: ZUserViewSchema, membership: ZJoinOutcomeSchema }))
  .mutation(({ ctx, input }) => registerFromInvitation(ctx.deps, input, clientMeta(ctx)));
