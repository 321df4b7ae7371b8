import { z } from "zod";

import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import { USER_SORTS, ZAdminUserViewSchema } from "@fastnext/core/admin";
import { ZRoleKeySchema, ZTextSchema } from "@fastnext/validators";

export const ZAdminUsersListInputSchema = ZPageInputSchema.extend({
  search: ZTextSchema.trim().min(1).max(100).optional(),
  isActive: z.boolean().optional(),
  roleKey: ZRoleKeySchema.optional(),
  /** createdAt: newest first (default); name, email: A to Z. */
  sort: z.enum(USER_SORTS).default("createdAt"),
});

export const ZAdminUsersListOutputSchema = pageOutputSchema(ZAdminUserViewSchema);
