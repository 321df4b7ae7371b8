import { listSessions } from "@fastnext/core/auth";

import { authedProcedure } from "../../../trpc/procedures";
import { ZAuthSessionsListOutputSchema } from "./list.types";

/** The caller's signed-in devices, most recently used first; the current one is marked. */
export const list = authedProcedure
  .meta({
    openapi: {
      method: "GET",
      path: "/auth/sessions",
      tags: ["auth"],
      summary: "List the caller's signed-in devices",
    },
  })
  .output(ZAuthSessionsListOutputSchema)
  .query(({ ctx }) => listSessions(ctx.db, ctx.principal));
