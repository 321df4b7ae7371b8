import { serviceContext } from "@fastnext/core";
import { listTransfers, ZTransferListInputSchema } from "@fastnext/core/transfers";

import { authedProcedure } from "../../trpc/procedures";
import { ZTransfersListOutputSchema } from "./transfers.types";

/** The caller's own exports and imports, newest first. */
export const list = authedProcedure
  .input(ZTransferListInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/transfers",
      tags: ["transfers"],
      summary: "The caller's recent exports and imports, newest first",
    },
  })
  .output(ZTransfersListOutputSchema)
  .query(({ ctx, input }) => listTransfers(serviceContext(ctx), input));
