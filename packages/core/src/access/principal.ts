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

interface PrincipalRow extends AccessRow {
  id: string;
  is_active: boolean;
  session_valid: boolean;
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

/**
 * Loads the caller and checks their session in one statement, without the
 * request-scope machinery (the benchmark's unscoped comparison uses it).
 * Returns null when the user is gone or inactive, or the session was ended.
 */
export async function loadPrincipal(
  tx: ScopedDb,
  credentials: Credentials,
): Promise<Principal | null> {
  const rows = await tx.$queryRaw<(PrincipalRow & { access_version: number })[]>`
    SELECT u.id, u.is_active, u.access_version, ${ACCESS_COLUMNS},
           EXISTS (SELECT 1 FROM sessions s
                    WHERE s.id = ${credentials.sessionId}::uuid AND s.user_id = u.id
                      AND s.revoked_at IS NULL AND s.expires_at > now()) AS session_valid
      FROM users u
     WHERE u.id = ${credentials.userId}::uuid`;
  const row = rows[0];
  if (!row?.is_active || !row.session_valid) return null;
  return { userId: row.id, sessionId: credentials.sessionId, ...toAccess(row, row.access_version) };
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
