import { serviceContext } from "@fastnext/core";
import { revokeAllSessions } from "@fastnext/core/auth";

import { authedProcedure } from "../../trpc/procedures";
import { ZAuthLogoutAllOutputSchema } from "./logout-all.types";

export const logoutAll = authedProcedure
  .output(ZAuthLogoutAllOutputSchema)
  .mutation(async ({ ctx }) => ({ revokedSessions: await revokeAllSessions(serviceContext(ctx)) }));
