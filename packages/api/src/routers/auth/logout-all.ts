import { serviceContext } from "@fastnext/core";
import { revokeAllSessions } from "@fastnext/core/auth";

import { authedProcedure } from "../../trpc/procedures";
import { ZAuthLogoutAllOutputSchema } from "./logout-all.types";

export const logoutAll = authedProcedure
  .meta({
    openapi: {
      method: "POST",
      path: "/auth/logout-all",
      tags: ["auth"],
      summary: "Sign out every device of the caller",
    },
  })
  .output(ZAuthLogoutAllOutputSchema)
  .mutation(async ({ ctx }) => ({ revokedSessions: await revokeAllSessions(serviceContext(ctx)) }));
