import { ZUpdateProfileInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../services/context";
import { updateProfile as update } from "../../services/users/profile";
import { ZUserViewSchema } from "../../services/users/view";
import { authedProcedure } from "../../trpc/procedures";

/** The caller's own name, avatar (https URL or null), locale and time zone. */
export const updateProfile = authedProcedure
  .input(ZUpdateProfileInputSchema)
  .output(ZUserViewSchema)
  .mutation(({ ctx, input }) => update(serviceContext(ctx), input));
