import { serviceContext } from "@fastnext/core";
import { confirmTwoFactor } from "@fastnext/core/users";
import { ZTwoFactorConfirmInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../../trpc/procedures";
import { ZUsersSecurityTwoFactorConfirmOutputSchema } from "./confirm.types";

/** Step 2: the first valid code turns it on; ten backup codes come back, once. */
export const confirm = authedProcedure
  .input(ZTwoFactorConfirmInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/users/me/two-factor/confirm",
      tags: ["users"],
      summary: "Confirm two-factor enrolment with a first code",
    },
  })
  .output(ZUsersSecurityTwoFactorConfirmOutputSchema)
  .mutation(({ ctx, input }) => confirmTwoFactor(serviceContext(ctx), input.code));
