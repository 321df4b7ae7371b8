import { serviceContext } from "@fastnext/core";
import { revokeOwnSession } from "@fastnext/core/auth";

import { authedProcedure } from "../../../trpc/procedures";
import { ZAuthSessionsRevokeInputSchema, ZAuthSessionsRevokeOutputSchema } from "./revoke.types";

/** Signs out one of the caller's devices; another user's session is NOT_FOUND. */
export const revoke = authedProcedure
  .input(ZAuthSessionsRevokeInputSchema)
  .meta({
    openapi: {
      method: "DELETE",
      path: "/auth/sessions/{sessionId}",
      tags: ["auth"],
      summary: "Sign out one of the caller's devices",
    },
  })
  .output(ZAuthSessionsRevokeOutputSchema)
  .mutation(async ({ ctx, input }) => {
    await revokeOwnSession(serviceContext(ctx), input.sessionId);
    return { ok: true as const };
  });
