import { serviceContext } from "@fastnext/core";
import { removeIdentity, ZIdentityRemoveInputSchema } from "@fastnext/core/identities";

import { authedProcedure } from "../../../trpc/procedures";
import { ZAuthIdentitiesRemoveOutputSchema } from "./remove.types";

/** Removes one of the caller's identities, unless it is their last way to sign in. */
export const remove = authedProcedure
  .input(ZIdentityRemoveInputSchema)
  .meta({
    openapi: {
      method: "DELETE",
      path: "/auth/identities/{id}",
      tags: ["auth"],
      summary: "Remove a linked identity",
    },
  })
  .output(ZAuthIdentitiesRemoveOutputSchema)
  .mutation(async ({ ctx, input }) => {
    await removeIdentity(serviceContext(ctx), input);
    return { ok: true as const };
  });
