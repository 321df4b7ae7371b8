import { z } from "zod";

import { unreadCount as countUnread } from "@fastnext/core/notifications";

import { authedProcedure } from "../../trpc/procedures";

export const unreadCount = authedProcedure
  .output(z.object({ count: z.number().int().min(0) }))
  .query(async ({ ctx }) => ({ count: await countUnread(ctx.db, ctx.principal) }));
