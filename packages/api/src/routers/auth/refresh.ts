import { refresh as rotate } from "@fastnext/core/auth";

import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "./meta";
import { ZRefreshTokenInputSchema, ZTokenPairSchema } from "./auth.types";

export const refresh = publicProcedure
  .input(ZRefreshTokenInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/auth/refresh",
      tags: ["auth"],
      summary: "Exchange a refresh token for new tokens",
    },
  })
  .output(ZTokenPairSchema)
  .mutation(({ ctx, input }) => rotate(ctx.deps, input.refreshToken, clientMeta(ctx)));
