import { unreadCount as countUnread } from "@fastnext/core/notifications";

import { authedProcedure } from "../../trpc/procedures";
import { ZNotificationsUnreadCountOutputSchema } from "./unread-count.types";

export const unreadCount = authedProcedure
  .meta({
    openapi: {
      method: "GET",
      path: "/notifications/unread-count",
      tags: ["notifications"],
      summary: "How many notifications are unread",
    },
  })
  .output(ZNotificationsUnreadCountOutputSchema)
  .query(async ({ ctx }) => ({ count: await countUnread(ctx.db, ctx.principal) }));
