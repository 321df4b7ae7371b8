import { serviceContext } from "@fastnext/core";
import {
  cancelTransfer,
  ZTransferIdInputSchema,
  ZTransferViewSchema,
} from "@fastnext/core/transfers";

import { authedProcedure } from "../../trpc/procedures";

/** Stops one of the caller's unfinished transfers; CONFLICT when it has already finished. */
export const cancel = authedProcedure
  .input(ZTransferIdInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/transfers/{id}/cancel",
      tags: ["transfers"],
      summary: "Cancel an unfinished export or import",
    },
  })
  .output(ZTransferViewSchema)
  .mutation(({ ctx, input }) => cancelTransfer(serviceContext(ctx), input.id));
