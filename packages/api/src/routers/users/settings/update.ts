import { serviceContext } from "@fastnext/core";
import { updateUserSettings } from "@fastnext/core/users";
import { ZUserSettingsPatchSchema, ZUserSettingsSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";

/** A deep partial change; unknown keys and wrong types come back as field errors. */
export const update = authedProcedure
  .input(ZUserSettingsPatchSchema)
  .meta({
    openapi: {
      method: "PATCH",
      path: "/users/me/settings",
      tags: ["users"],
      summary: "Change the caller's settings",
    },
  })
  .output(ZUserSettingsSchema)
  .mutation(({ ctx, input }) => updateUserSettings(serviceContext(ctx), input));
