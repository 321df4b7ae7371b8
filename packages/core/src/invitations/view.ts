import { z } from "zod";

import { ZProjectRoleSchema } from "@fastnext/validators";

import { type InvitationRecord } from "./token";

/** What the holder of a valid link sees: enough to decide, nothing about any account. */
export const ZInvitationPublicViewSchema = z.object({
  projectName: z.string(),
  inviterName: z.string().nullable(),
  email: z.string(),
  role: ZProjectRoleSchema,
  expiresAt: z.date(),
});

export type InvitationPublicView = z.infer<typeof ZInvitationPublicViewSchema>;

export function toPublicView(record: InvitationRecord): InvitationPublicView {
  return {
    projectName: record.project_name,
    inviterName: record.inviter_name,
    email: record.email,
    role: record.role,
    expiresAt: record.expires_at,
  };
}

export const ZJoinOutcomeSchema = z.object({
  projectId: z.uuid(),
  role: ZProjectRoleSchema,
  joined: z.boolean(),
});
