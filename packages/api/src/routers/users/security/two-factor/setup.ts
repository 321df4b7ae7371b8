import { z } from "zod";

import { serviceContext } from "../../../../services/context";
import { setupTwoFactor } from "../../../../services/users/two-factor";
import { authedProcedure } from "../../../../trpc/procedures";

/** Step 1: a new secret (stored sealed, pending) and its otpauth:// URI. */
export const setup = authedProcedure
  .output(z.object({ secret: z.string(), otpauthUri: z.string() }))
  .mutation(({ ctx }) => setupTwoFactor(serviceContext(ctx)));
