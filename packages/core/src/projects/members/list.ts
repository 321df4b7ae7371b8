import { keysetAfter, keysetOrderBy, type KeysetOrder } from "../../pagination/keyset";
import { decodeCursor, toPage, type Page, type PageInput } from "../../pagination/pagination";
import { type ServiceContext } from "../../context";
import { memberSelect, type ProjectMemberView } from "./view";

/** Longest-standing first; a user is a member of a project once, so user ids break ties. */
const BY_TENURE: KeysetOrder<"addedAt", "userId"> = {
  sort: "addedAt",
  tieBreaker: "userId",
  direction: "asc",
};

/**
 * Members of a project the caller can see, longest-standing first: one
 * query for the page and one for the names on it.
 */
export async function listMembers(
  ctx: ServiceContext,
  input: { projectId: string } & PageInput,
): Promise<Page<ProjectMemberView>> {
  const after = decodeCursor(ctx.deps.cursors, input.cursor);
  const rows = await ctx.db.projectMember.findMany({
    where: {
      projectId: input.projectId,
      ...(after ? keysetAfter(BY_TENURE, after.at, after.id) : {}),
    },
    orderBy: keysetOrderBy(BY_TENURE),
    take: input.limit + 1,
    select: memberSelect,
  });
  const page = toPage(ctx.deps.cursors, rows, input.limit, (row) => ({
    at: row.addedAt,
    id: row.userId,
  }));
  const users = await ctx.db.user.findMany({
    where: { id: { in: page.items.map((row) => row.userId) } },
    select: { id: true, name: true },
  });
  const names = new Map(users.map((user) => [user.id, user.name]));
  return {
    items: page.items.map((row) => ({ ...row, name: names.get(row.userId) ?? null })),
    nextCursor: page.nextCursor,
  };
}
