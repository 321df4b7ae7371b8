import { serviceContext } from "@fastnext/core";
import { markRead as markNotificationsRead } from "@fastnext/core/notifications";
import { authedProcedure } from "../../trpc/procedures";
import {
  ZNotificationsMarkReadInputSchema,
  ZNotificationsMarkReadOutputSchema,
} from "./mark-read.types";

/** All or nothing: an id that is not the caller's is NOT_FOUND. */
export const markRead = authedProcedure
  .input(ZNotificationsMarkReadInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/notifications/mark-read",
      tags: ["notifications"],
      summary: "Mark notifications read",
    },
  })
  .output(ZNotificationsMarkReadOutputSchema)
  .mutation(({ ctx, input }) => markNotificationsRead(serviceContext(ctx), input.ids));
