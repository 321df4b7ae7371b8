import { serviceContext } from "@fastnext/core";
import { getUserSettings } from "@fastnext/core/users";
import { ZUserSettingsSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";

export const get = authedProcedure
  .meta({
    openapi: {
      method: "GET",
      path: "/users/me/settings",
      tags: ["users"],
      summary: "The caller's settings",
    },
  })
  .output(ZUserSettingsSchema)
  .query(({ ctx }) => getUserSettings(serviceContext(ctx)));
