import { type ScopedDb } from "../scope";

/**
 * What a transaction that creates or promotes an administrator acts with:
 * RLS lets user.manage holders write users and role.manage holders give
 * roles, and user.read lets it read the rows back. The transaction acts
 * as the administrator themself (tables are FORCEd, so the owner is bound too).
 */
export const ADMINISTRATOR_WRITE_PERMISSIONS = ["user.read", "user.manage", "role.manage"];

export const ADMIN_ROLE_KEY = "admin";

export interface NewAdministrator {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
}

/** Creates the account and makes it an administrator, in the caller's scoped transaction. */
export async function createAdministrator(tx: ScopedDb, admin: NewAdministrator): Promise<void> {
  await tx.user.create({ data: { ...admin, isSuperuser: true }, select: { id: true } });
  await grantAdministrator(tx, admin.id);
}

/**
 * Gives an existing account the admin role and the superuser flag; false
 * when it had both already (nothing is written then).
 */
export async function grantAdministrator(tx: ScopedDb, userId: string): Promise<boolean> {
  const role = await tx.role.findUniqueOrThrow({
    where: { key: ADMIN_ROLE_KEY },
    select: { id: true },
  });
  const [user, held] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: userId }, select: { isSuperuser: true } }),
    tx.userRole.findUnique({
      where: { userId_roleId: { userId, roleId: role.id } },
      select: { userId: true },
    }),
  ]);
  if (user.isSuperuser && held) return false;
  if (!user.isSuperuser)
    await tx.user.update({
      where: { id: userId },
      data: { isSuperuser: true },
      select: { id: true },
    });
  if (!held) await tx.userRole.create({ data: { userId, roleId: role.id } });
  return true;
}
