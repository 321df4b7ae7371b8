import { registerFromInvitation } from "@fastnext/core/invitations";
import { ZInvitationRegisterInputSchema } from "@fastnext/validators";

import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "../auth/meta";
import { ZInvitationsRegisterOutputSchema } from "./register.types";

/** Public: a new account for the invited address, which joins the project in the same step. */
export const register = publicProcedure
  .input(ZInvitationRegisterInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/invitations/{token}/register",
      tags: ["invitations"],
      summary: "Create an account from an invitation",
    },
  })
  .output(ZInvitationsRegisterOutputSchema)
  .mutation(({ ctx, input }) => registerFromInvitation(ctx.deps, input, clientMeta(ctx)));
