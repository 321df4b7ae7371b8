import { z } from "zod";

import { ZDisplayNameSchema, ZEmailSchema, ZPasswordSchema } from "./auth";
import { ZTextSchema } from "./primitives";
import { ZProjectRoleSchema } from "./projects";

/** Days an invitation's link works; inviting the same address again starts them over. */
export const PROJECT_INVITATION_TTL_DAYS = 7;

/** The secret from an invitation link (43 base64url characters when well formed). */
export const ZInvitationTokenSchema = ZTextSchema.trim().min(20).max(200);

export const ZInvitationCreateInputSchema = z.object({
  projectId: z.uuid(),
  email: ZEmailSchema,
  role: ZProjectRoleSchema,
});

/** A new account for the invited address: the address itself comes from the invitation. */
export const ZInvitationRegisterInputSchema = z.object({
  token: ZInvitationTokenSchema,
  name: ZDisplayNameSchema,
  password: ZPasswordSchema,
});

export type InvitationCreateInput = z.infer<typeof ZInvitationCreateInputSchema>;
export type InvitationRegisterInput = z.infer<typeof ZInvitationRegisterInputSchema>;
