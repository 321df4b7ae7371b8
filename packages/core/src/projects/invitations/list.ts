import { keysetAfter, keysetOrderBy, NEWEST_FIRST } from "../../pagination/keyset";
import { decodeCursor, toPage, type Page, type PageInput } from "../../pagination/pagination";
import { type ServiceContext } from "../../context";
import { invitationSelect, type ProjectInvitationView } from "./view";

/**
 * The project's pending invitations, newest first (owner or
 * project.manage_all). Pending ones past their expiry are listed too, so
 * the owner sees that they lapsed and can invite again.
 */
export async function listInvitations(
  ctx: ServiceContext,
  input: { projectId: string } & PageInput,
): Promise<Page<ProjectInvitationView>> {
  const after = decodeCursor(ctx.deps.cursors, input.cursor);
  const rows = await ctx.db.projectInvitation.findMany({
    where: {
      projectId: input.projectId,
      status: "pending",
      ...(after ? keysetAfter(NEWEST_FIRST, after.at, after.id) : {}),
    },
    orderBy: keysetOrderBy(NEWEST_FIRST),
    take: input.limit + 1,
    select: invitationSelect,
  });
  return toPage(ctx.deps.cursors, rows, input.limit, (row) => ({ at: row.createdAt, id: row.id }));
}
