import { serviceContext } from "@fastnext/core";
import { revokeOwnSession } from "@fastnext/core/auth";
import { ZSessionRevokeInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";
import { ZAuthSessionsRevokeOutputSchema } from "./revoke.types";

/** Signs out one of the caller's devices; another user's session is NOT_FOUND. */
export const revoke = authedProcedure
  .input(ZSessionRevokeInputSchema)
  .output(ZAuthSessionsRevokeOutputSchema)
  .mutation(async ({ ctx, input }) => {
    await revokeOwnSession(serviceContext(ctx), input.sessionId);
    return { ok: true as const };
  });
