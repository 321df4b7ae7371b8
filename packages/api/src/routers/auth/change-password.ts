import { serviceContext } from "@fastnext/core";
import { changePassword as change } from "@fastnext/core/auth";
import { ZChangePasswordInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../trpc/procedures";
import { ZAuthChangePasswordOutputSchema } from "./change-password.types";

export const changePassword = authedProcedure
  .input(ZChangePasswordInputSchema)
  .output(ZAuthChangePasswordOutputSchema)
  .mutation(({ ctx, input }) => change(serviceContext(ctx), input));
