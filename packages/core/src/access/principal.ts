import { Prisma, type ScopedDb } from "@fastnext/db";
import { ALL_PERMISSIONS, isPermission, type Permission } from "@fastnext/validators";

import { type Access } from "./access-cache";

/** Who is calling, as every procedure after `authed` sees it. */
export interface Principal {
  userId: string;
  sessionId: string;
  email: string;
  name: string;
  isSuperuser: boolean;
  roles: readonly string[];
  permissions: ReadonlySet<Permission>;
}

export interface Credentials {
  userId: string;
  sessionId: string;
}

interface AccessRow {
  email: string;
  name: string;
  is_superuser: boolean;
  roles: string[];
  permissions: string[];
}

/** The user's own columns plus their role keys and permission keys, for `users u`. */
const ACCESS_COLUMNS = Prisma.sql`u.email, u.name, u.is_superuser,
  ARRAY(SELECT r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id
         WHERE ur.user_id = u.id ORDER BY r.key) AS roles,
  ARRAY(SELECT DISTINCT rp.permission_key FROM user_roles ur
          JOIN role_permissions rp ON rp.role_id = ur.role_id
         WHERE ur.user_id = u.id) AS permissions`;

/** Superusers hold every permission; unknown keys in the table are ignored. */
function toAccess(row: AccessRow, accessVersion: number): Access {
  const permissions: readonly Permission[] = row.is_superuser
    ? ALL_PERMISSIONS
    : row.permissions.filter(isPermission);
  return {
    email: row.email,
    name: row.name,
    isSuperuser: row.is_superuser,
    accessVersion,
    roles: row.roles,
    permissions: new Set(permissions),
  };
}

export function scopeOf(principal: Principal, requestId: string) {
  return { userId: principal.userId, permissions: [...principal.permissions], requestId };
}

/**
 * A user's roles and permissions, read in the request's transaction (the
 * user id is already set, so RLS shows only the user's own rows). The
 * caller supplies the access version it read in the same transaction.
 */
export async function loadAccess(
  tx: ScopedDb,
  userId: string,
  accessVersion: number,
): Promise<Access | null> {
  const rows = await tx.$queryRaw<AccessRow[]>`
    SELECT ${ACCESS_COLUMNS} FROM users u WHERE u.id = ${userId}::uuid`;
  const row = rows[0];
  return row ? toAccess(row, accessVersion) : null;
}
