import { z } from "zod";

export const ZAuthSessionsRevokeOutputSchema = z.object({ ok: z.literal(true) });
