import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { listSessions, revokeOwnSession } from "@fastnext/core/auth";
import { ZSessionRevokeInputSchema } from "@fastnext/validators";

import { authedProcedure, router } from "../../trpc/procedures";
import { ZSessionViewSchema } from "./schemas";

export const sessionsRouter = router({
  list: authedProcedure
    .output(z.array(ZSessionViewSchema))
    .query(({ ctx }) => listSessions(ctx.db, ctx.principal)),
  revoke: authedProcedure
    .input(ZSessionRevokeInputSchema)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await revokeOwnSession(serviceContext(ctx), input.sessionId);
      return { ok: true as const };
    }),
});
