import { ZLoginInputSchema } from "@fastnext/validators";

import { login as loginUser } from "../../services/auth/login";
import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "./meta";
import { ZLoginOutputSchema } from "./schemas";

export const login = publicProcedure
  .input(ZLoginInputSchema)
  .output(ZLoginOutputSchema)
  .mutation(({ ctx, input }) => loginUser(ctx.deps, input, clientMeta(ctx)));
