import { AppError } from "../../errors";
import { keysetAfter, keysetOrderBy, OLDEST_FIRST } from "../../pagination/keyset";
import { decodeCursor, toPage, type Page, type PageInput } from "../../pagination/pagination";
import { type ServiceContext } from "../../context";
import { roleViewSelect, toRoleView, type RoleView } from "./view";

/** Roles oldest first (the system roles lead), keyset-paged on (createdAt, id). */
export async function listRoles(ctx: ServiceContext, input: PageInput): Promise<Page<RoleView>> {
  const after = decodeCursor(ctx.deps.cursors, input.cursor);
  const rows = await ctx.db.role.findMany({
    where: after ? keysetAfter(OLDEST_FIRST, after.at, after.id) : {},
    orderBy: keysetOrderBy(OLDEST_FIRST),
    take: input.limit + 1,
    select: roleViewSelect,
  });
  const page = toPage(ctx.deps.cursors, rows, input.limit, (row) => ({
    at: row.createdAt,
    id: row.id,
  }));
  return { items: page.items.map(toRoleView), nextCursor: page.nextCursor };
}

export async function getRole(ctx: ServiceContext, id: string): Promise<RoleView> {
  const row = await ctx.db.role.findUnique({ where: { id }, select: roleViewSelect });
  if (!row) throw new AppError("NOT_FOUND", "No such role");
  return toRoleView(row);
}

export interface PermissionGroup {
  category: string;
  permissions: { key: string; description: string }[];
}

/** The permission catalogue (as the database mirrors it), grouped by category. */
export async function listPermissions(ctx: ServiceContext): Promise<PermissionGroup[]> {
  const rows = await ctx.db.permission.findMany({ orderBy: [{ category: "asc" }, { key: "asc" }] });
  const groups = new Map<string, PermissionGroup>();
  for (const row of rows) {
    const group = groups.get(row.category) ?? { category: row.category, permissions: [] };
    group.permissions.push({ key: row.key, description: row.description });
    groups.set(row.category, group);
  }
  return [...groups.values()];
}
