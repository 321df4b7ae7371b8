import { z } from "zod";

import { pageOutputSchema, serviceContext, ZPageInputSchema } from "@fastnext/core";
import { listUsers, USER_SORTS, ZAdminUserViewSchema } from "@fastnext/core/admin";
import { ZRoleKeySchema, ZTextSchema } from "@fastnext/validators";

import { permissionProcedure } from "../../../trpc/procedures";

export const ZAdminUserListInputSchema = ZPageInputSchema.extend({
  search: ZTextSchema.trim().min(1).max(100).optional(),
  isActive: z.boolean().optional(),
  roleKey: ZRoleKeySchema.optional(),
  /** createdAt: newest first (default); name, email: A to Z. */
  sort: z.enum(USER_SORTS).default("createdAt"),
});

export const list = permissionProcedure("user.read")
  .input(ZAdminUserListInputSchema)
  .output(pageOutputSchema(ZAdminUserViewSchema))
  .query(({ ctx, input }) => listUsers(serviceContext(ctx), input));
