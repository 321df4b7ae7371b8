import { z } from "zod";

export const ZProjectsInvitationsRevokeOutputSchema = z.object({ ok: z.literal(true) });
