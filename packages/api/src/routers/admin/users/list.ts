import { z } from "zod";

import { ZRoleKeySchema, ZTextSchema } from "@fastnext/validators";

import { USER_SORTS } from "../../../services/admin/users/cursor";
import { listUsers } from "../../../services/admin/users/list";
import { ZAdminUserViewSchema } from "../../../services/admin/users/view";
import { serviceContext } from "../../../services/context";
import { pageOutputSchema, ZPageInputSchema } from "../../../shared/pagination";
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
