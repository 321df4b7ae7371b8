import { z } from "zod";

import { ZRoleKeySchema } from "@fastnext/validators";

export const ZAdminRolesDeleteInputSchema = z.object({
  id: z.uuid(),
  /** The role that the deleted role's users get instead (required while it has users). */
  reassignTo: ZRoleKeySchema.optional(),
});

export const ZAdminRolesDeleteOutputSchema = z.object({
  id: z.uuid(),
  reassignedUsers: z.number().int(),
});
