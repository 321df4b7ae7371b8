import { readMe, ZMeSchema } from "@fastnext/core/users";

import { authedProcedure } from "../../trpc/procedures";

export const me = authedProcedure
  .meta({
    openapi: {
      method: "GET",
      path: "/users/me",
      tags: ["users"],
      summary: "The caller's account, roles and permissions",
    },
  })
  .output(ZMeSchema)
  .query(({ ctx }) => readMe(ctx.db, ctx.principal));
