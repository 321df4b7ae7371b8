import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { setupTwoFactor } from "@fastnext/core/users";

import { authedProcedure } from "../../../../trpc/procedures";

/** Step 1: a new secret (stored sealed, pending) and its otpauth:// URI. */
export const setup = authedProcedure
  .output(z.object({ secret: z.string(), otpauthUri: z.string() }))
  .mutation(({ ctx }) => setupTwoFactor(serviceContext(ctx)));
