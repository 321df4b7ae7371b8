import { tracked } from "@trpc/server";

import { liveNotifications, ZNotificationViewSchema } from "@fastnext/core/notifications";

import { authedProcedure } from "../../trpc/procedures";
import { ZNotificationsOnNewInputSchema } from "./on-new.types";

/**
 * New notifications of the caller, live, over server-sent events. The
 * `authed` transaction has ended by the time the stream runs: every read
 * happens in its own short scoped transaction inside the service.
 */
export const onNew = authedProcedure
  .input(ZNotificationsOnNewInputSchema)
  .subscription(async function* ({ ctx, input, signal }) {
    const stream = liveNotifications(ctx.deps, ctx.principal, ctx.requestId, {
      lastEventId: input?.lastEventId ?? null,
      signal,
    });
    for await (const item of stream) {
      yield tracked(item.cursor, ZNotificationViewSchema.parse(item.notification));
    }
  });
