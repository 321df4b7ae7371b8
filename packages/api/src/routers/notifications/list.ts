import { serviceContext } from "@fastnext/core";
import { listNotifications } from "@fastnext/core/notifications";

import { authedProcedure } from "../../trpc/procedures";
import { ZNotificationsListInputSchema, ZNotificationsListOutputSchema } from "./list.types";

/** The caller's notifications, newest first. */
export const list = authedProcedure
  .input(ZNotificationsListInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/notifications",
      tags: ["notifications"],
      summary: "The caller's notifications, newest first",
    },
  })
  .output(ZNotificationsListOutputSchema)
  .query(({ ctx, input }) => listNotifications(serviceContext(ctx), input));
