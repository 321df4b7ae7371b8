import { z } from "zod";

import { pageOutputSchema } from "@fastnext/core";
import { ZTransferViewSchema } from "@fastnext/core/transfers";

export const ZTransfersListOutputSchema = pageOutputSchema(ZTransferViewSchema);

export const ZTransferDownloadLinkOutputSchema = z.object({
  /** A path on this server: the file, for the signed-in requester, until `expiresAt`. */
  url: z.string(),
  expiresAt: z.date(),
});
