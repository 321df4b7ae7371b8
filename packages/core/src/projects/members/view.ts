import { z } from "zod";

import { ZProjectRoleSchema } from "@fastnext/validators";

/**
 * A membership as the project's viewers see it. The member's name comes
 * from the users table under its own policy (co-members, user.read): when
 * the caller may not see that user (an outsider looking at an internal
 * project) the name is null rather than leaked.
 */
export const ZProjectMemberViewSchema = z.object({
  projectId: z.uuid(),
  userId: z.uuid(),
  name: z.string().nullable(),
  role: ZProjectRoleSchema,
  addedAt: z.date(),
  addedById: z.uuid().nullable(),
});

export type ProjectMemberView = z.infer<typeof ZProjectMemberViewSchema>;

export const memberSelect = {
  projectId: true,
  userId: true,
  role: true,
  addedAt: true,
  addedById: true,
} as const;
