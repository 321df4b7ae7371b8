import { unreadCount as countUnread } from "@fastnext/core/notifications";

import { authedProcedure } from "../../trpc/procedures";
import { ZNotificationsUnreadCountOutputSchema } from "./unread-count.types";

export const unreadCount = authedProcedure
  .output(ZNotificationsUnreadCountOutputSchema)
  .query(async ({ ctx }) => ({ count: await countUnread(ctx.db, ctx.principal) }));
