import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { changePassword as change } from "@fastnext/core/auth";
import { ZChangePasswordInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../trpc/procedures";

export const changePassword = authedProcedure
  .input(ZChangePasswordInputSchema)
  .output(z.object({ revokedSessions: z.number().int() }))
  .mutation(({ ctx, input }) => change(serviceContext(ctx), input));
