import { readSystemSettings } from "@fastnext/core/settings";
import { ZSystemSettingsSchema } from "@fastnext/validators";

import { permissionProcedure } from "../../../../trpc/procedures";

export const get = permissionProcedure("system.read")
  .output(ZSystemSettingsSchema)
  .query(({ ctx }) => readSystemSettings(ctx.db));
