import { emitEvent } from "@fastnext/events";

import { AppError } from "../errors";
import { recordActivity } from "../activity";
import { type ServiceContext } from "../context";
import { type ProjectDeleteInput } from "./input";
import { changedMeanwhile } from "./errors";
import { getProject } from "./get";
import { auditFields } from "./view";

/**
 * Deletes a project with its members, instances and their history (owner or
 * project.manage_all). Work still in progress is not thrown away by
 * accident: open instances refuse the delete unless `force` is set. The
 * instances' stored files are removed by the worker, on `project.deleted`.
 */
export async function deleteProject(
  ctx: ServiceContext,
  input: ProjectDeleteInput,
): Promise<{ id: string }> {
  const project = await getProject(ctx, input.id);
  const open = await ctx.db.workflowInstance.count({
    where: { projectId: input.id, completedAt: null },
  });
  if (open > 0 && !input.force) {
    throw new AppError("PRECONDITION_FAILED", `The project still has ${open} open instance(s)`, {
      reason: "open_instances",
      details: { openInstances: open },
    });
  }
  // Members, instances and history go with it (ON DELETE CASCADE).
  const { count } = await ctx.db.project.deleteMany({ where: { id: input.id } });
  if (count !== 1) throw changedMeanwhile();
  await recordActivity(ctx.db, ctx.actor, {
    action: "project.delete",
    entityType: "project",
    entityId: input.id,
    before: { ...auditFields(project), openInstances: open },
    after: null,
  });
  // The files of its instances are in object storage, which no cascade reaches.
  await emitEvent(ctx.db, "project.deleted", { projectId: input.id });
  return { id: input.id };
}
