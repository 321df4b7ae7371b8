import { z } from "zod";

export const ZProjectMemberRemoveInputSchema = z.object({
  projectId: z.uuid(),
  userId: z.uuid(),
});

export type ProjectMemberRemoveInput = z.infer<typeof ZProjectMemberRemoveInputSchema>;
