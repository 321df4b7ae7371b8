import { z } from "zod";

import { ZProjectRoleSchema } from "@fastnext/validators";

export const ZProjectInvitationStatusSchema = z.enum([
  "pending",
  "accepted",
  "declined",
  "revoked",
]);

/**
 * An invitation as the project's owners see it: the address they typed and
 * what they offered. It says nothing of whether the address has an account.
 */
export const ZProjectInvitationViewSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  email: z.string(),
  role: ZProjectRoleSchema,
  status: ZProjectInvitationStatusSchema,
  invitedById: z.uuid().nullable(),
  createdAt: z.date(),
  sentAt: z.date(),
  expiresAt: z.date(),
});

export type ProjectInvitationView = z.infer<typeof ZProjectInvitationViewSchema>;

export const invitationSelect = {
  id: true,
  projectId: true,
  email: true,
  role: true,
  status: true,
  invitedById: true,
  createdAt: true,
  sentAt: true,
  expiresAt: true,
} as const;
