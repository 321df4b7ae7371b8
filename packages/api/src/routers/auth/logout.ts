import { logout as endSession } from "@fastnext/core/auth";

import { publicProcedure } from "../../trpc/procedures";
import { ZRefreshTokenInputSchema } from "./auth.types";
import { clientMeta } from "./meta";
import { ZAuthLogoutOutputSchema } from "./logout.types";

/** Public on purpose: holding the refresh token is the proof needed to end its session. */
export const logout = publicProcedure
  .input(ZRefreshTokenInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/auth/logout",
      tags: ["auth"],
      summary: "Revoke a refresh token",
    },
  })
  .output(ZAuthLogoutOutputSchema)
  .mutation(async ({ ctx, input }) => {
    await endSession(ctx.deps, input.refreshToken, clientMeta(ctx));
    return { ok: true as const };
  });
