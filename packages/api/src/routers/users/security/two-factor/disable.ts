import { serviceContext } from "@fastnext/core";
import { disableTwoFactor } from "@fastnext/core/users";
import { ZTwoFactorDisableInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../../trpc/procedures";
import { ZUsersSecurityTwoFactorDisableOutputSchema } from "./disable.types";

/** Off again, with a current code (or a backup code) or the password. */
export const disable = authedProcedure
  .input(ZTwoFactorDisableInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/users/me/two-factor/disable",
      tags: ["users"],
      summary: "Turn two-factor authentication off",
    },
  })
  .output(ZUsersSecurityTwoFactorDisableOutputSchema)
  .mutation(async ({ ctx, input }) => {
    await disableTwoFactor(serviceContext(ctx), input);
    return { ok: true as const };
  });
