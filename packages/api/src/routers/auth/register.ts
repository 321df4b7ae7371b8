import { register as registerUser } from "@fastnext/core/auth";
import { ZRegisterInputSchema } from "@fastnext/validators";

import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "./meta";
import { ZAuthRegisterOutputSchema } from "./register.types";

export const register = publicProcedure
  .input(ZRegisterInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/auth/register",
      tags: ["auth"],
      summary: "Create an account and sign in",
    },
  })
  .output(ZAuthRegisterOutputSchema)
  .mutation(async ({ ctx, input }) => ({
    user: await registerUser(ctx.deps, input, clientMeta(ctx)),
  }));
