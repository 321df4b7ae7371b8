import { z } from "zod";

/** What a change that returns nothing else answers. */
export const ZWebhooksOkOutputSchema = z.object({ ok: z.literal(true) });
