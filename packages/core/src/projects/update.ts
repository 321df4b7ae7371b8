import { type ProjectUpdateInput } from "@fastnext/validators";

import { recordActivity } from "../activity";
import { type ServiceContext } from "../context";
import { changedMeanwhile } from "./errors";
import { getProject } from "./get";
import { auditFields, type ProjectView } from "./view";

/** Renames, re-describes or changes the visibility of a project (editor or owner, or project.manage_all). */
export async function updateProject(
  ctx: ServiceContext,
  input: ProjectUpdateInput,
): Promise<ProjectView> {
  const before = await getProject(ctx, input.id);
  const { count } = await ctx.db.project.updateMany({ where: { id: input.id }, data: input.data });
  if (count !== 1) throw changedMeanwhile();
  const after = await getProject(ctx, input.id);
  await recordActivity(ctx.db, ctx.actor, {
    action: "project.update",
    entityType: "project",
    entityId: input.id,
    before: auditFields(before),
    after: auditFields(after),
  });
  return after;
}
