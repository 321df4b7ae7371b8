import { serviceContext } from "@fastnext/core";
import { setupTwoFactor } from "@fastnext/core/users";

import { authedProcedure } from "../../../../trpc/procedures";
import { ZUsersSecurityTwoFactorSetupOutputSchema } from "./setup.types";

/** Step 1: a new secret (stored sealed, pending) and its otpauth:// URI. */
export const setup = authedProcedure
  .meta({
    openapi: {
      method: "POST",
      path: "/users/me/two-factor/setup",
      tags: ["users"],
      summary: "Start enrolling two-factor authentication",
    },
  })
  .output(ZUsersSecurityTwoFactorSetupOutputSchema)
  .mutation(({ ctx }) => setupTwoFactor(serviceContext(ctx)));
