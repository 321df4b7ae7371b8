import { type Prisma } from "@fastnext/db";

import { keysetAfter, keysetOrderBy, type KeysetOrder } from "../../pagination/keyset";
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

const ORDERS = {
  createdAt: { sort: "createdAt", tieBreaker: "id", direction: "desc" },
  name: { sort: "name", tieBreaker: "id", direction: "asc" },
  email: { sort: "email", tieBreaker: "id", direction: "asc" },
} as const satisfies { [S in UserSort]: KeysetOrder<S, "id"> };

const ORDER_BY: Record<UserSort, Prisma.UserOrderByWithRelationInput[]> = {
  createdAt: keysetOrderBy(ORDERS.createdAt),
  name: keysetOrderBy(ORDERS.name),
  email: keysetOrderBy(ORDERS.email),
};

/** Rows after the position in the list's order: (createdAt, id) descending, (name|email, id) ascending. */
function after(position: UserPosition): Prisma.UserWhereInput {
  switch (position.sort) {
    case "createdAt":
      return keysetAfter(ORDERS.createdAt, new Date(position.key), position.id);
    case "name":
      return keysetAfter(ORDERS.name, position.key, position.id);
    case "email":
      return keysetAfter(ORDERS.email, position.key, position.id);
  }
}

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
    orderBy: ORDER_BY[input.sort],
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
