import { resetPassword as completeReset } from "@fastnext/core/auth";
import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "./meta";
import {
  ZAuthResetPasswordInputSchema,
  ZAuthResetPasswordOutputSchema,
} from "./reset-password.types";

/** Public: holding the e-mailed secret is the proof needed. */
export const resetPassword = publicProcedure
  .input(ZAuthResetPasswordInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/auth/password/reset",
      tags: ["auth"],
      summary: "Set a new password with a reset token",
    },
  })
  .output(ZAuthResetPasswordOutputSchema)
  .mutation(({ ctx, input }) => completeReset(ctx.deps, input, clientMeta(ctx)));
