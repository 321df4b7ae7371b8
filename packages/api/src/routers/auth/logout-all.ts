import { z } from "zod";

import { revokeAllSessions } from "../../services/auth/sessions";
import { serviceContext } from "../../services/context";
import { authedProcedure } from "../../trpc/procedures";

export const logoutAll = authedProcedure
  .output(z.object({ revokedSessions: z.number().int() }))
  .mutation(async ({ ctx }) => ({ revokedSessions: await revokeAllSessions(serviceContext(ctx)) }));
