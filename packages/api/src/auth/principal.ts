import { type ScopedDb } from "@fastnext/db";
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

interface PrincipalRow {
  id: string;
  email: string;
  name: string;
  is_active: boolean;
  is_superuser: boolean;
  session_valid: boolean;
  roles: string[];
  permissions: string[];
}

/**
 * Loads the caller in one statement, inside the request's transaction (the
 * user id is already set, so RLS shows only the caller's own rows). Returns
 * null when the user is gone or inactive, or the session was ended: the
 * access token stops working at the next request either way.
 */
export async function loadPrincipal(tx: ScopedDb, credentials: Credentials): Promise<Principal | null> {
  const rows = await tx.$queryRaw<PrincipalRow[]>`
    SELECT u.id, u.email, u.name, u.is_active, u.is_superuser,
           EXISTS (SELECT 1 FROM sessions s
                    WHERE s.id = ${credentials.sessionId}::uuid AND s.user_id = u.id
                      AND s.revoked_at IS NULL AND s.expires_at > now()) AS session_valid,
           ARRAY(SELECT r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                  WHERE ur.user_id = u.id ORDER BY r.key) AS roles,
           ARRAY(SELECT DISTINCT rp.permission_key FROM user_roles ur
                   JOIN role_permissions rp ON rp.role_id = ur.role_id
                  WHERE ur.user_id = u.id) AS permissions
      FROM users u
     WHERE u.id = ${credentials.userId}::uuid`;
  const row = rows[0];
  if (!row || !row.is_active || !row.session_valid) return null;
  const permissions: readonly Permission[] = row.is_superuser ? ALL_PERMISSIONS : row.permissions.filter(isPermission);
  return {
    userId: row.id,
    sessionId: credentials.sessionId,
    email: row.email,
    name: row.name,
    isSuperuser: row.is_superuser,
    roles: row.roles,
    permissions: new Set(permissions),
  };
}

export function scopeOf(principal: Principal, requestId: string) {
  return { userId: principal.userId, permissions: [...principal.permissions], requestId };
}

interface AccessRow {
  email: string;
  name: string;
  is_superuser: boolean;
  roles: string[];
  permissions: string[];
}

/**
 * A user's roles and permissions, read in the request's transaction (the
 * user id is already set, so RLS shows only the user's own rows). The
 * caller supplies the access version it read in the same transaction.
 */
export async function loadAccess(tx: ScopedDb, userId: string, accessVersion: number): Promise<Access | null> {
  const rows = await tx.$queryRaw<AccessRow[]>`
    SELECT u.email, u.name, u.is_superuser,
           ARRAY(SELECT r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                  WHERE ur.user_id = u.id ORDER BY r.key) AS roles,
           ARRAY(SELECT DISTINCT rp.permission_key FROM user_roles ur
                   JOIN role_permissions rp ON rp.role_id = ur.role_id
                  WHERE ur.user_id = u.id) AS permissions
      FROM users u
     WHERE u.id = ${userId}::uuid`;
  const row = rows[0];
  if (!row) return null;
  const permissions: readonly Permission[] = row.is_superuser ? ALL_PERMISSIONS : row.permissions.filter(isPermission);
  return {
    email: row.email,
    name: row.name,
    isSuperuser: row.is_superuser,
    accessVersion,
    roles: row.roles,
    permissions: new Set(permissions),
  };
}
