import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { revokeAllSessions } from "@fastnext/core/auth";

import { authedProcedure } from "../../trpc/procedures";

export const logoutAll = authedProcedure
  .output(z.object({ revokedSessions: z.number().int() }))
  .mutation(async ({ ctx }) => ({ revokedSessions: await revokeAllSessions(serviceContext(ctx)) }));
