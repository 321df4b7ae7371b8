import { z } from "zod";

import { type Prisma } from "@fastnext/db";

export const ZRoleViewSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  /** Seeded roles: editable, never deleted. */
  isSystem: z.boolean(),
  /** Given to people who register themselves. */
  isDefault: z.boolean(),
  permissions: z.array(z.string()),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type RoleView = z.infer<typeof ZRoleViewSchema>;

export const roleViewSelect = {
  id: true,
  key: true,
  name: true,
  description: true,
  isSystem: true,
  isDefault: true,
  createdAt: true,
  updatedAt: true,
  permissions: { select: { permissionKey: true } },
} as const satisfies Prisma.RoleSelect;

type RoleRow = Prisma.RoleGetPayload<{ select: typeof roleViewSelect }>;

export function toRoleView(row: RoleRow): RoleView {
  return { ...row, permissions: row.permissions.map((link) => link.permissionKey).sort() };
}

/** The fields the activity trail records for a role. */
export function auditFields(role: RoleView) {
  return {
    key: role.key,
    name: role.name,
    description: role.description,
    isDefault: role.isDefault,
    permissions: role.permissions,
  };
}
