import { z } from "zod";

import { ZTransferKindSchema } from "@fastnext/validators";

import { ZPageInputSchema } from "../pagination/pagination";

export const ZTransferIdInputSchema = z.object({ id: z.uuid() });

export type TransferIdInput = z.infer<typeof ZTransferIdInputSchema>;

export const ZTransferListInputSchema = ZPageInputSchema.extend({
  kind: ZTransferKindSchema.optional(),
});

export type TransferListInput = z.infer<typeof ZTransferListInputSchema>;
