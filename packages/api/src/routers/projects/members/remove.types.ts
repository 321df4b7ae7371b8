import { z } from "zod";

export const ZProjectsMembersRemoveOutputSchema = z.object({ ok: z.literal(true) });
