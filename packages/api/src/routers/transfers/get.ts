import { serviceContext } from "@fastnext/core";
import { getTransfer, ZTransferIdInputSchema, ZTransferViewSchema } from "@fastnext/core/transfers";

import { authedProcedure } from "../../trpc/procedures";

/** One of the caller's transfers: poll it for progress where a live stream cannot be held. */
export const get = authedProcedure
  .input(ZTransferIdInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/transfers/{id}",
      tags: ["transfers"],
      summary: "One of the caller's exports or imports",
    },
  })
  .output(ZTransferViewSchema)
  .query(({ ctx, input }) => getTransfer(serviceContext(ctx), input.id));
