import { z } from "zod";

export const ZAuthLogoutOutputSchema = z.object({ ok: z.literal(true) });
