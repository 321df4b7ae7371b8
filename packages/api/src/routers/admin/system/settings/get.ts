import { readSystemSettings } from "@fastnext/core/settings";
import { ZSystemSettingsSchema } from "@fastnext/validators";

import { permissionProcedure } from "../../../../trpc/procedures";

export const get = permissionProcedure("system.read")
  .meta({
    openapi: {
      method: "GET",
      path: "/admin/system/settings",
      tags: ["admin"],
      summary: "The system settings",
    },
  })
  .output(ZSystemSettingsSchema)
  .query(({ ctx }) => readSystemSettings(ctx.db));
