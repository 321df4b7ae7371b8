import { type ScopedDb } from "@fastnext/db";

import { AppError } from "../../errors";

/** The roles named by keys; VALIDATION naming every unknown key (under `field`). */
export async function resolveRoles(
  db: ScopedDb,
  roleKeys: readonly string[],
  field = "roleKeys",
): Promise<{ id: string; key: string }[]> {
  const keys = [...new Set(roleKeys)].sort();
  if (keys.length === 0) return [];
  const roles = await db.role.findMany({
    where: { key: { in: keys } },
    select: { id: true, key: true },
  });
  const unknown = keys.filter((key) => !roles.some((role) => role.key === key));
  if (unknown.length > 0) {
    throw new AppError("VALIDATION", "Unknown roles", {
      fieldErrors: { [field]: unknown.map((key) => `Unknown role "${key}"`) },
    });
  }
  return roles.sort((a, b) => a.key.localeCompare(b.key));
}
