import { verifyTwoFactor as verify, ZVerifyTwoFactorInputSchema } from "@fastnext/core/auth";

import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "./meta";
import { ZSignedInSchema } from "./auth.types";

/** Public: the challenge token from auth.login is the proof that the password was right. */
export const verifyTwoFactor = publicProcedure
  .input(ZVerifyTwoFactorInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/auth/two-factor/verify",
      tags: ["auth"],
      summary: "Finish a sign-in with a two-factor code",
    },
  })
  .output(ZSignedInSchema)
  .mutation(({ ctx, input }) => verify(ctx.deps, input, clientMeta(ctx)));
