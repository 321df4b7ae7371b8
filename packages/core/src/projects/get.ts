import { AppError } from "../errors";
import { type ServiceContext } from "../context";
import { projectViewSelect, toProjectView, type ProjectView } from "./view";

/** One project the caller can see; NOT_FOUND otherwise (RLS hides it). */
export async function getProject(ctx: ServiceContext, id: string): Promise<ProjectView> {
  const record = await ctx.db.project.findUnique({
    where: { id },
    select: projectViewSelect(ctx.principal.userId),
  });
  if (!record) throw new AppError("NOT_FOUND", "No such project", { reason: "project_not_found" });
  return toProjectView(record);
}
