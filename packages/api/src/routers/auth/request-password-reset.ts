import { requestPasswordReset as startReset } from "@fastnext/core/auth";
import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "./meta";
import {
  ZAuthRequestPasswordResetInputSchema,
  ZAuthRequestPasswordResetOutputSchema,
} from "./request-password-reset.types";

/** Public: the answer is the same whether or not the address has an account. */
export const requestPasswordReset = publicProcedure
  .input(ZAuthRequestPasswordResetInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/auth/password/reset-request",
      tags: ["auth"],
      summary: "Send a password reset e-mail",
    },
  })
  .output(ZAuthRequestPasswordResetOutputSchema)
  .mutation(({ ctx, input }) => startReset(ctx.deps, input, clientMeta(ctx)));
