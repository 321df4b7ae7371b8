import { z } from "zod";

export const ZAdminRolesDeleteOutputSchema = z.object({
  id: z.uuid(),
  reassignedUsers: z.number().int(),
});
