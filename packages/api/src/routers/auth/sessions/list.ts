import { z } from "zod";

import { listSessions } from "@fastnext/core/auth";

import { authedProcedure } from "../../../trpc/procedures";
import { ZSessionViewSchema } from "../schemas";

/** The caller's signed-in devices, most recently used first; the current one is marked. */
export const list = authedProcedure
  .output(z.array(ZSessionViewSchema))
  .query(({ ctx }) => listSessions(ctx.db, ctx.principal));
