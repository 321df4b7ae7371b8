import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { markRead as markNotificationsRead } from "@fastnext/core/notifications";

import { authedProcedure } from "../../trpc/procedures";

export const ZMarkReadInputSchema = z.object({
  ids: z.array(z.uuid()).min(1).max(100),
});

/** All or nothing: an id that is not the caller's is NOT_FOUND. */
export const markRead = authedProcedure
  .input(ZMarkReadInputSchema)
  .output(z.object({ updated: z.number().int().min(0) }))
  .mutation(({ ctx, input }) => markNotificationsRead(serviceContext(ctx), input.ids));
