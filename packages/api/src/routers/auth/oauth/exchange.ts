import { exchangeOAuthCode } from "@fastnext/core/identities";
import { ZOAuthExchangeInputSchema } from "@fastnext/validators";

import { publicProcedure } from "../../../trpc/procedures";
import { ZLoginOutputSchema } from "../auth.types";
import { clientMeta } from "../meta";

/**
 * Ends a phone's or script's external sign-in: the one-time code the
 * redirect URI received and the PKCE verifier for this app's tokens (or a
 * second-factor challenge), as auth.login answers.
 */
export const exchange = publicProcedure
  .input(ZOAuthExchangeInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/auth/oauth/exchange",
      tags: ["auth"],
      summary: "Exchange an external sign-in code for tokens",
    },
  })
  .output(ZLoginOutputSchema)
  .mutation(({ ctx, input }) => exchangeOAuthCode(ctx.deps, input, clientMeta(ctx)));
