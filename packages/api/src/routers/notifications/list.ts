import { z } from "zod";

import { listNotifications, ZNotificationViewSchema } from "../../services/notifications";
import { pageOutputSchema, ZPageInputSchema } from "../../shared/pagination";
import { authedProcedure } from "../../trpc/procedures";

export const ZNotificationListInputSchema = ZPageInputSchema.extend({
  /** Only notifications not yet read. */
  unread: z.boolean().optional(),
});

/** The caller's notifications, newest first. */
export const list = authedProcedure
  .input(ZNotificationListInputSchema)
  .output(pageOutputSchema(ZNotificationViewSchema))
  .query(({ ctx, input }) => listNotifications(ctx.db, ctx.principal, input));
