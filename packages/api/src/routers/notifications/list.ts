import { z } from "zod";

import { pageOutputSchema, serviceContext, ZPageInputSchema } from "@fastnext/core";
import { listNotifications, ZNotificationViewSchema } from "@fastnext/core/notifications";

import { authedProcedure } from "../../trpc/procedures";

export const ZNotificationListInputSchema = ZPageInputSchema.extend({
  /** Only notifications not yet read. */
  unread: z.boolean().optional(),
});

/** The caller's notifications, newest first. */
export const list = authedProcedure
  .input(ZNotificationListInputSchema)
  .output(pageOutputSchema(ZNotificationViewSchema))
  .query(({ ctx, input }) => listNotifications(serviceContext(ctx), input));
