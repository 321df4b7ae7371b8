import { type ScopedDb } from "@fastnext/db";

import { type Principal } from "../../access/principal";

/**
 * Whether the caller may comment on the project's items: any member,
 * viewers included (a comment changes nothing, and viewers may already
 * fire the transitions a template gives them), or project.manage_all.
 * Readers who are not members (an internal project, project.read_all)
 * read the conversation but do not join it. The insert policy says the same.
 */
export async function mayComment(
  db: ScopedDb,
  principal: Principal,
  projectId: string,
): Promise<boolean> {
  if (principal.permissions.has("project.manage_all")) return true;
  const membership = await db.projectMember.findUnique({
    where: { projectId_userId: { projectId, userId: principal.userId } },
    select: { role: true },
  });
  return membership !== null;
}

/** The ids among `ids` that are members of the project, in the order given. */
export async function membersAmong(
  db: ScopedDb,
  projectId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.projectMember.findMany({
    where: { projectId, userId: { in: [...ids] } },
    select: { userId: true },
  });
  const members = new Set(rows.map((row) => row.userId));
  return ids.filter((id) => members.has(id));
}
