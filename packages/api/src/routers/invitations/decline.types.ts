import { z } from "zod";

export const ZInvitationsDeclineOutputSchema = z.object({ ok: z.literal(true) });
