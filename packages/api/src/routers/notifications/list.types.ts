import { z } from "zod";

import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import { ZNotificationViewSchema } from "@fastnext/core/notifications";

export const ZNotificationsListInputSchema = ZPageInputSchema.extend({
  /** Only notifications not yet read. */
  unread: z.boolean().optional(),
});

export const ZNotificationsListOutputSchema = pageOutputSchema(ZNotificationViewSchema);
