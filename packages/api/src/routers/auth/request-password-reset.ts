import { z } from "zod";

import { requestPasswordReset as startReset } from "@fastnext/core/auth";
import { ZEmailSchema } from "@fastnext/validators";

import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "./meta";

export const ZRequestPasswordResetInputSchema = z.object({ email: ZEmailSchema });

/** Public: the answer is the same whether or not the address has an account. */
export const requestPasswordReset = publicProcedure
  .input(ZRequestPasswordResetInputSchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) => startReset(ctx.deps, input, clientMeta(ctx)));
