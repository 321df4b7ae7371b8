import { serviceContext } from "@fastnext/core";
import { createDownloadLink, ZTransferIdInputSchema } from "@fastnext/core/transfers";

import { authedProcedure } from "../../trpc/procedures";
import { ZTransferDownloadLinkOutputSchema } from "./transfers.types";

/** A signed, expiring link to a finished export's file. */
export const downloadLink = authedProcedure
  .input(ZTransferIdInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/transfers/{id}/download-link",
      tags: ["transfers"],
      summary: "A signed, expiring download link to a finished export",
    },
  })
  .output(ZTransferDownloadLinkOutputSchema)
  .query(({ ctx, input }) => createDownloadLink(serviceContext(ctx), input.id));
