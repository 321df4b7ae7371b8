import { readMe, ZMeSchema } from "@fastnext/core/users";

import { authedProcedure } from "../../trpc/procedures";

export const me = authedProcedure
  .output(ZMeSchema)
  .query(({ ctx }) => readMe(ctx.db, ctx.principal));
