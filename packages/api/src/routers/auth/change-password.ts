import { z } from "zod";

import { ZChangePasswordInputSchema } from "@fastnext/validators";

import { changePassword as change } from "../../services/auth/sessions";
import { serviceContext } from "../../services/context";
import { authedProcedure } from "../../trpc/procedures";

export const changePassword = authedProcedure
  .input(ZChangePasswordInputSchema)
  .output(z.object({ revokedSessions: z.number().int() }))
  .mutation(({ ctx, input }) => change(serviceContext(ctx), input));
