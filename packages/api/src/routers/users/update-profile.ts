import { serviceContext } from "@fastnext/core";
import { updateProfile as update, ZUserViewSchema } from "@fastnext/core/users";
import { ZUpdateProfileInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../trpc/procedures";

/** The caller's own name, avatar (https URL or null), locale and time zone. */
export const updateProfile = authedProcedure
  .input(ZUpdateProfileInputSchema)
  .meta({
    openapi: {
      method: "PATCH",
      path: "/users/me",
      tags: ["users"],
      summary: "Change the caller's profile",
    },
  })
  .output(ZUserViewSchema)
  .mutation(({ ctx, input }) => update(serviceContext(ctx), input));
