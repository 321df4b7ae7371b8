import { z } from "zod";

export const ZInvitationRevokeInputSchema = z.object({
  projectId: z.uuid(),
  invitationId: z.uuid(),
});

export type InvitationRevokeInput = z.infer<typeof ZInvitationRevokeInputSchema>;
