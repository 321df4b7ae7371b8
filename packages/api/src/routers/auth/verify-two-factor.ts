import { verifyTwoFactor as verify, ZVerifyTwoFactorInputSchema } from "@fastnext/core/auth";

import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "./meta";
import { ZSignedInSchema } from "./auth.types";

/** Public: the challenge token from auth.login is the proof that the password was right. */
export const verifyTwoFactor = publicProcedure
  .input(ZVerifyTwoFactorInputSchema)
  .output(ZSignedInSchema)
  .mutation(({ ctx, input }) => verify(ctx.deps, input, clientMeta(ctx)));
