import { login as loginUser } from "@fastnext/core/auth";
import { ZLoginInputSchema } from "@fastnext/validators";

import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "./meta";
import { ZLoginOutputSchema } from "./auth.types";

export const login = publicProcedure
  .input(ZLoginInputSchema)
  .output(ZLoginOutputSchema)
  .mutation(({ ctx, input }) => loginUser(ctx.deps, input, clientMeta(ctx)));
