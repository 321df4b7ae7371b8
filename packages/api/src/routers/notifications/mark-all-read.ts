import { serviceContext } from "@fastnext/core";
import { markAllRead as markEveryNotificationRead } from "@fastnext/core/notifications";

import { authedProcedure } from "../../trpc/procedures";
import { ZNotificationsMarkAllReadOutputSchema } from "./mark-all-read.types";

export const markAllRead = authedProcedure
  .meta({
    openapi: {
      method: "POST",
      path: "/notifications/mark-all-read",
      tags: ["notifications"],
      summary: "Mark every notification read",
    },
  })
  .output(ZNotificationsMarkAllReadOutputSchema)
  .mutation(({ ctx }) => markEveryNotificationRead(serviceContext(ctx)));
