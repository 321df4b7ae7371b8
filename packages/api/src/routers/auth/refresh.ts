import { refresh as rotate } from "@fastnext/core/auth";

import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "./meta";
import { ZRefreshTokenInputSchema, ZTokenPairSchema } from "./auth.types";

export const refresh = publicProcedure
  .input(ZRefreshTokenInputSchema)
  .output(ZTokenPairSchema)
  .mutation(({ ctx, input }) => rotate(ctx.deps, input.refreshToken, clientMeta(ctx)));
