import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { confirmTwoFactor } from "@fastnext/core/users";
import { ZTwoFactorConfirmInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../../trpc/procedures";

/** Step 2: the first valid code turns it on; ten backup codes come back, once. */
export const confirm = authedProcedure
  .input(ZTwoFactorConfirmInputSchema)
  .output(z.object({ backupCodes: z.array(z.string()) }))
  .mutation(({ ctx, input }) => confirmTwoFactor(serviceContext(ctx), input.code));
