import { ZUserSettingsSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { getUserSettings } from "../../../services/users/settings";
import { authedProcedure } from "../../../trpc/procedures";

export const get = authedProcedure
  .output(ZUserSettingsSchema)
  .query(({ ctx }) => getUserSettings(serviceContext(ctx)));
