import { z } from "zod";

import { resetPassword as completeReset } from "@fastnext/core/auth";
import { ZPasswordSchema, ZTextSchema } from "@fastnext/validators";

import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "./meta";

export const ZResetPasswordInputSchema = z.object({
  /** The secret from the e-mailed link (43 base64url characters). */
  token: ZTextSchema.trim().min(20).max(200),
  /** Checked again against the operator's password policy by the service. */
  password: ZPasswordSchema,
});

/** Public: holding the e-mailed secret is the proof needed. */
export const resetPassword = publicProcedure
  .input(ZResetPasswordInputSchema)
  .output(z.object({ ok: z.literal(true), revokedSessions: z.number().int() }))
  .mutation(({ ctx, input }) => completeReset(ctx.deps, input, clientMeta(ctx)));
