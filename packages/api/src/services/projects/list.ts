import { type Prisma } from "@fastnext/db";
import { type ProjectListFilters } from "@fastnext/validators";

import { decodeCursor, toPage, type Page, type PageInput } from "../../shared/pagination";
import { type ServiceContext } from "../context";
import { projectViewSelect, toProjectView, type ProjectView } from "./view";

/**
 * The projects the caller can see: those they are a member of, internal
 * ones, and every one with project.read_all. RLS enforces exactly that; the
 * same rule is spelt out in the query so intent is readable and the plan
 * does not depend on the policy alone. Newest first, keyset-paginated.
 */
export async function listProjects(
  ctx: ServiceContext,
  input: ProjectListFilters & PageInput,
): Promise<Page<ProjectView>> {
  const { userId, permissions } = ctx.principal;
  const conditions: Prisma.ProjectWhereInput[] = [{ archivedAt: input.archived ? { not: null } : null }];
  if (!permissions.has("project.read_all")) {
    conditions.push({ OR: [{ members: { some: { userId } } }, { visibility: "internal" }] });
  }
  if (input.search) conditions.push({ name: { contains: input.search, mode: "insensitive" } });
  const after = decodeCursor(input.cursor);
  if (after) {
    conditions.push({ OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] });
  }
  const rows = await ctx.db.project.findMany({
    where: { AND: conditions },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: projectViewSelect(userId),
  });
  const page = toPage(rows, input.limit, (row) => ({ at: row.createdAt, id: row.id }));
  return { items: page.items.map(toProjectView), nextCursor: page.nextCursor };
}
