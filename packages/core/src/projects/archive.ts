import { AppError } from "../errors";
import { recordActivity } from "../activity";
import { type ServiceContext } from "../context";
import { type ProjectAccess } from "./access";
import { changedMeanwhile } from "./errors";
import { getProject } from "./get";
import { type ProjectView } from "./view";

/**
 * Archives (archived: true) or restores a project; `access` is the
 * caller's, already checked to be owner or project.manage_all. Asking for
 * the state it already has is refused, so every accepted call is a real
 * change with its entry in the trail.
 */
export async function setProjectArchived(
  ctx: ServiceContext,
  access: ProjectAccess,
  archived: boolean,
): Promise<ProjectView> {
  const id = access.project.id;
  if ((access.project.archivedAt !== null) === archived) {
    throw new AppError(
      "PRECONDITION_FAILED",
      archived ? "The project is already archived" : "The project is not archived",
      { reason: archived ? "already_archived" : "not_archived" },
    );
  }
  const archivedAt = archived ? new Date() : null;
  const { count } = await ctx.db.project.updateMany({ where: { id }, data: { archivedAt } });
  if (count !== 1) throw changedMeanwhile();
  await recordActivity(ctx.db, ctx.actor, {
    action: archived ? "project.archive" : "project.unarchive",
    entityType: "project",
    entityId: id,
    before: { archivedAt: access.project.archivedAt },
    after: { archivedAt },
  });
  return getProject(ctx, id);
}
