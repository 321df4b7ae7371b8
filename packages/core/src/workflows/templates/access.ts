import { AppError } from "../../errors";
import { type ServiceContext } from "../../context";
import { accessSatisfies, projectAccess } from "../../projects/access";

function missingPermission(): AppError {
  return new AppError(
    "FORBIDDEN",
    'Installation-wide templates need the "workflow.manage" permission',
    { reason: "missing_permission", details: { permission: "workflow.manage" } },
  );
}

/**
 * Who may write a template of this scope. Installation-wide (`projectId`
 * null): holders of workflow.manage. A project's own: its owners, and
 * project.manage_all and workflow.manage, as the table's policies say. A
 * project the caller cannot see is NOT_FOUND (never tell outsiders it
 * exists), one they see without the right FORBIDDEN.
 */
export async function requireTemplateWriter(
  ctx: ServiceContext,
  projectId: string | null,
): Promise<void> {
  const { principal } = ctx;
  if (projectId === null) {
    if (!principal.permissions.has("workflow.manage")) throw missingPermission();
    return;
  }
  const access = await projectAccess(ctx.db, principal, projectId);
  if (!access) throw new AppError("NOT_FOUND", "No such project", { reason: "project_not_found" });
  if (accessSatisfies(access, principal, "owner") || principal.permissions.has("workflow.manage"))
    return;
  throw new AppError("FORBIDDEN", "This needs the owner role on the project", {
    reason: "project_role_required",
    details: { required: "owner", role: access.role },
  });
}
