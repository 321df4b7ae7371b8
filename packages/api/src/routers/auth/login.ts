import { login as loginUser } from "@fastnext/core/auth";
import { ZLoginInputSchema } from "@fastnext/validators";

import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "./meta";
import { ZLoginOutputSchema } from "./auth.types";

export const login = publicProcedure
  .input(ZLoginInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/auth/login",
      tags: ["auth"],
      summary: "Sign in with e-mail and password",
    },
  })
  .output(ZLoginOutputSchema)
  .mutation(({ ctx, input }) => loginUser(ctx.deps, input, clientMeta(ctx)));
