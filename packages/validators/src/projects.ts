import { z } from "zod";

import { ZTextSchema } from "./primitives";

/** Roles on one project, strongest first. */
export const PROJECT_ROLES = ["owner", "editor", "viewer"] as const;
export const ZProjectRoleSchema = z.enum(PROJECT_ROLES);
export type ProjectRole = z.infer<typeof ZProjectRoleSchema>;

/** private: members only; internal: every signed-in user may look, members change. */
export const PROJECT_VISIBILITIES = ["private", "internal"] as const;
export const ZProjectVisibilitySchema = z.enum(PROJECT_VISIBILITIES);
export type ProjectVisibility = z.infer<typeof ZProjectVisibilitySchema>;

export const ZProjectNameSchema = ZTextSchema.trim().min(1, "Required").max(120);
export const ZProjectDescriptionSchema = ZTextSchema.trim().max(2000);

export const ZProjectCreateInputSchema = z.object({
  name: ZProjectNameSchema,
  description: ZProjectDescriptionSchema.default(""),
  visibility: ZProjectVisibilitySchema.default("private"),
});

/** The id names the project; only the fields under `data` change. */
export const ZProjectUpdateInputSchema = z.object({
  id: z.uuid(),
  data: z
    .object({
      name: ZProjectNameSchema.optional(),
      description: ZProjectDescriptionSchema.optional(),
      visibility: ZProjectVisibilitySchema.optional(),
    })
    .refine(
      (data) =>
        data.name !== undefined || data.description !== undefined || data.visibility !== undefined,
      "Change at least one field",
    ),
});

export const ZProjectMemberInputSchema = z.object({
  projectId: z.uuid(),
  userId: z.uuid(),
  role: ZProjectRoleSchema,
});

export type ProjectCreateInput = z.infer<typeof ZProjectCreateInputSchema>;
export type ProjectUpdateInput = z.infer<typeof ZProjectUpdateInputSchema>;
export type ProjectMemberInput = z.infer<typeof ZProjectMemberInputSchema>;
