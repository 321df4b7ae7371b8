import { z } from "zod";

import { register as registerUser } from "@fastnext/core/auth";
import { ZUserViewSchema } from "@fastnext/core/users";
import { ZRegisterInputSchema } from "@fastnext/validators";

import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "./meta";

export const register = publicProcedure
  .input(ZRegisterInputSchema)
  .output(z.object({ user: ZUserViewSchema }))
  .mutation(async ({ ctx, input }) => ({ user: await registerUser(ctx.deps, input, clientMeta(ctx)) }));
