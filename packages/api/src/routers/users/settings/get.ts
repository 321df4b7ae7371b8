import { serviceContext } from "@fastnext/core";
import { getUserSettings } from "@fastnext/core/users";
import { ZUserSettingsSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";

export const get = authedProcedure
  .output(ZUserSettingsSchema)
  .query(({ ctx }) => getUserSettings(serviceContext(ctx)));
