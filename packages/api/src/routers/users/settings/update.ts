import { ZUserSettingsPatchSchema, ZUserSettingsSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { updateUserSettings } from "../../../services/users/settings";
import { authedProcedure } from "../../../trpc/procedures";

/** A deep partial change; unknown keys and wrong types come back as field errors. */
export const update = authedProcedure
  .input(ZUserSettingsPatchSchema)
  .output(ZUserSettingsSchema)
  .mutation(({ ctx, input }) => updateUserSettings(serviceContext(ctx), input));
