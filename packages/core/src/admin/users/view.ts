import { z } from "zod";

import { type Prisma } from "@fastnext/db";

import { type Principal } from "../../access/principal";
import { toUserView, userViewSelect, ZUserViewSchema, type UserView } from "../../users/view";

/** A user as administrators see them: the user view plus role keys. */
export const ZAdminUserViewSchema = ZUserViewSchema.extend({ roles: z.array(z.string()) });

export type AdminUserView = z.infer<typeof ZAdminUserViewSchema>;

/** One query per relation level whatever the number of users (no per-row queries). */
export const adminUserSelect = {
  ...userViewSelect,
  roles: { select: { role: { select: { key: true } } } },
} as const satisfies Prisma.UserSelect;

type AdminUserRow = Prisma.UserGetPayload<{ select: typeof adminUserSelect }>;

export function toAdminUserView(
  row: AdminUserRow,
  viewer: Pick<Principal, "userId" | "permissions">,
): AdminUserView {
  const view: UserView = toUserView(row, viewer);
  return { ...view, roles: row.roles.map((link) => link.role.key).sort() };
}
