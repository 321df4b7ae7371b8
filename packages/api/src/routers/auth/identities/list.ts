import { serviceContext } from "@fastnext/core";
import { listSignInMethods, ZSignInMethodsViewSchema } from "@fastnext/core/identities";

import { authedProcedure } from "../../../trpc/procedures";

/** The caller's linked identities and whether they have a password (the account page). */
export const list = authedProcedure
  .meta({
    openapi: {
      method: "GET",
      path: "/auth/identities",
      tags: ["auth"],
      summary: "The caller's ways to sign in",
    },
  })
  .output(ZSignInMethodsViewSchema)
  .query(({ ctx }) => listSignInMethods(serviceContext(ctx)));
