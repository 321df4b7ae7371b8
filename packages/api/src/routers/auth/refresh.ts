import { refresh as rotate } from "@fastnext/core/auth";
import { ZRefreshInputSchema } from "@fastnext/validators";

import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "./meta";
import { ZTokenPairSchema } from "./auth.types";

export const refresh = publicProcedure
  .input(ZRefreshInputSchema)
  .output(ZTokenPairSchema)
  .mutation(({ ctx, input }) => rotate(ctx.deps, input.refreshToken, clientMeta(ctx)));
