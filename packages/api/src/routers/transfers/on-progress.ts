import {
  liveTransfer,
  ZTransferIdInputSchema,
  ZTransferViewSchema,
} from "@fastnext/core/transfers";

import { authedProcedure } from "../../trpc/procedures";

/**
 * One of the caller's transfers as it moves, over server-sent events: its
 * state now, then every change, ending after it finishes. Each read is a
 * short scoped transaction of its own inside the service.
 */
export const onProgress = authedProcedure
  .input(ZTransferIdInputSchema)
  .subscription(async function* ({ ctx, input, signal }) {
    for await (const view of liveTransfer(ctx.deps, ctx.principal, ctx.requestId, input.id, {
      signal,
    })) {
      yield ZTransferViewSchema.parse(view);
    }
  });
