import { ZSystemSettingsSchema } from "@fastnext/validators";

import { readSystemSettings } from "../../../../services/settings/system";
import { permissionProcedure } from "../../../../trpc/procedures";

export const get = permissionProcedure("system.read")
  .output(ZSystemSettingsSchema)
  .query(({ ctx }) => readSystemSettings(ctx.db));
