import { z } from "zod";

import { type Prisma } from "@fastnext/db";

import { decodeCursor, pageOutputSchema, toPage, ZPageInputSchema } from "../../../shared/pagination";
import { toUserView, userViewSelect, ZUserViewSchema } from "../../../services/users/view";
import { permissionProcedure } from "../../../trpc/procedures";

export const ZAdminUserListInputSchema = ZPageInputSchema.extend({
  search: z.string().trim().min(1).max(100).optional(),
  isActive: z.boolean().optional(),
});

/** Newest first; keyset pagination on (createdAt, id). */
export const list = permissionProcedure("user.read")
  .input(ZAdminUserListInputSchema)
  .output(pageOutputSchema(ZUserViewSchema))
  .query(async ({ ctx, input }) => {
    const conditions: Prisma.UserWhereInput[] = [];
    if (input.isActive !== undefined) conditions.push({ isActive: input.isActive });
    if (input.search) {
      conditions.push({
        OR: [
          { email: { contains: input.search, mode: "insensitive" } },
          { name: { contains: input.search, mode: "insensitive" } },
        ],
      });
    }
    const after = decodeCursor(input.cursor);
    if (after) {
      conditions.push({ OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] });
    }
    const rows = await ctx.db.user.findMany({
      where: { AND: conditions },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      select: userViewSelect,
    });
    const page = toPage(rows, input.limit, (row) => ({ at: row.createdAt, id: row.id }));
    return { items: page.items.map((row) => toUserView(row, ctx.principal)), nextCursor: page.nextCursor };
  });
