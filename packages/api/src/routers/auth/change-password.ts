import { serviceContext } from "@fastnext/core";
import { changePassword as change } from "@fastnext/core/auth";
import { ZChangePasswordInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../trpc/procedures";
import { ZAuthChangePasswordOutputSchema } from "./change-password.types";

export const changePassword = authedProcedure
  .input(ZChangePasswordInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/auth/password/change",
      tags: ["auth"],
      summary: "Change the caller's password",
    },
  })
  .output(ZAuthChangePasswordOutputSchema)
  .mutation(({ ctx, input }) => change(serviceContext(ctx), input));
