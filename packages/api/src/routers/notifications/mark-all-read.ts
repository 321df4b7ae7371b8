import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { markAllRead as markEveryNotificationRead } from "@fastnext/core/notifications";

import { authedProcedure } from "../../trpc/procedures";

export const markAllRead = authedProcedure
  .output(z.object({ updated: z.number().int().min(0) }))
  .mutation(({ ctx }) => markEveryNotificationRead(serviceContext(ctx)));
