import { z } from "zod";

import { ZRoleKeySchema } from "@fastnext/validators";

export const ZAdminUsersSetRolesInputSchema = z.object({
  userId: z.uuid(),
  roleKeys: z.array(ZRoleKeySchema).max(50),
});

export const ZAdminUsersSetRolesOutputSchema = z.object({
  userId: z.uuid(),
  roleKeys: z.array(z.string()),
});
