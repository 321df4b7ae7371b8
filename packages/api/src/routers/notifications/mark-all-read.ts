import { z } from "zod";

import { serviceContext } from "../../services/context";
import { markAllRead as markEveryNotificationRead } from "../../services/notifications";
import { authedProcedure } from "../../trpc/procedures";

export const markAllRead = authedProcedure
  .output(z.object({ updated: z.number().int().min(0) }))
  .mutation(({ ctx }) => markEveryNotificationRead(serviceContext(ctx)));
