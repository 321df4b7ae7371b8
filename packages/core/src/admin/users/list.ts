import { type Prisma } from "@fastnext/db";

import { type Page, type PageInput } from "../../pagination/pagination";
import { type ServiceContext } from "../../context";
import { decodeUserCursor, encodeUserCursor, type UserPosition, type UserSort } from "./cursor";
import { adminUserSelect, toAdminUserView, type AdminUserView } from "./view";

export interface UserListInput extends PageInput {
  search?: string | undefined;
  isActive?: boolean | undefined;
  roleKey?: string | undefined;
  sort: UserSort;
}

/** Rows after the position in the list's order: (createdAt, id) descending, (name|email, id) ascending. */
function after(position: UserPosition): Prisma.UserWhereInput {
  switch (position.sort) {
    case "createdAt": {
      const at = new Date(position.key);
      return { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: position.id } }] };
    }
    case "name":
      return {
        OR: [{ name: { gt: position.key } }, { name: position.key, id: { gt: position.id } }],
      };
    case "email":
      return {
        OR: [{ email: { gt: position.key } }, { email: position.key, id: { gt: position.id } }],
      };
  }
}

const ORDER: Record<UserSort, Prisma.UserOrderByWithRelationInput[]> = {
  createdAt: [{ createdAt: "desc" }, { id: "desc" }],
  name: [{ name: "asc" }, { id: "asc" }],
  email: [{ email: "asc" }, { id: "asc" }],
};

function keyOf(row: { createdAt: Date; name: string; email: string }, sort: UserSort): string {
  return sort === "createdAt" ? row.createdAt.toISOString() : row[sort];
}

/**
 * Users for administrators: search in e-mail and name, filter by role and
 * active flag, three sorts, keyset-paged. Roles come in the same few
 * queries as the users (one per relation level), however long the page.
 */
export async function listUsers(
  ctx: ServiceContext,
  input: UserListInput,
): Promise<Page<AdminUserView>> {
  const conditions: Prisma.UserWhereInput[] = [];
  if (input.isActive !== undefined) conditions.push({ isActive: input.isActive });
  if (input.roleKey) conditions.push({ roles: { some: { role: { key: input.roleKey } } } });
  if (input.search) {
    conditions.push({
      OR: [
        { email: { contains: input.search, mode: "insensitive" } },
        { name: { contains: input.search, mode: "insensitive" } },
      ],
    });
  }
  const position = decodeUserCursor(ctx.deps.cursors, input.cursor, input.sort);
  if (position) conditions.push(after(position));
  const rows = await ctx.db.user.findMany({
    where: { AND: conditions },
    orderBy: ORDER[input.sort],
    take: input.limit + 1,
    select: adminUserSelect,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > input.limit && last
      ? encodeUserCursor(ctx.deps.cursors, {
          sort: input.sort,
          key: keyOf(last, input.sort),
          id: last.id,
        })
      : null;
  return { items: items.map((row) => toAdminUserView(row, ctx.principal)), nextCursor };
}
