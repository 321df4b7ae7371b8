import { z } from "zod";

import { ZRegisterInputSchema } from "@fastnext/validators";

import { register as registerUser } from "../../services/auth/register";
import { ZUserViewSchema } from "../../services/users/view";
import { publicProcedure } from "../../trpc/procedures";
import { clientMeta } from "./meta";

export const register = publicProcedure
  .input(ZRegisterInputSchema)
  .output(z.object({ user: ZUserViewSchema }))
  .mutation(async ({ ctx, input }) => ({ user: await registerUser(ctx.deps, input, clientMeta(ctx)) }));
