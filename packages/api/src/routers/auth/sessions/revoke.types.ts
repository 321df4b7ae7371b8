import { z } from "zod";

export const ZAuthSessionsRevokeInputSchema = z.object({
  sessionId: z.uuid(),
});

export const ZAuthSessionsRevokeOutputSchema = z.object({ ok: z.literal(true) });
