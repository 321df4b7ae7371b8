import { serviceContext } from "@fastnext/core";
import { updateSystemSettings } from "@fastnext/core/settings";
import { ZSystemSettingsPatchSchema, ZSystemSettingsSchema } from "@fastnext/validators";

import { permissionProcedure } from "../../../../trpc/procedures";

/** Any subset of any setting; each resulting document is validated whole; recorded with before/after. */
export const update = permissionProcedure("system.manage")
  .input(ZSystemSettingsPatchSchema)
  .meta({
    openapi: {
      method: "PATCH",
      path: "/admin/system/settings",
      tags: ["admin"],
      summary: "Change system settings",
    },
  })
  .output(ZSystemSettingsSchema)
  .mutation(({ ctx, input }) => updateSystemSettings(serviceContext(ctx), input));
