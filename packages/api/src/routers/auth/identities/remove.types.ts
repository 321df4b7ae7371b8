import { z } from "zod";

export const ZAuthIdentitiesRemoveOutputSchema = z.object({ ok: z.literal(true) });
