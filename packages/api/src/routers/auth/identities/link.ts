import { serviceContext } from "@fastnext/core";
import { linkIdentityWithCode, ZLinkedIdentityViewSchema } from "@fastnext/core/identities";
import { ZOAuthCodeInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";

/** Links the identity of a link code (external flow with `intent=link`) to the signed-in caller. */
export const link = authedProcedure
  .input(ZOAuthCodeInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/auth/identities",
      tags: ["auth"],
      summary: "Link an external identity from a one-time code",
    },
  })
  .output(ZLinkedIdentityViewSchema)
  .mutation(({ ctx, input }) => linkIdentityWithCode(serviceContext(ctx), input));
