import { type ExportRequestInput } from "@fastnext/validators";

import { type ServiceContext } from "../../context";
import { AppError } from "../../errors";
import { requireProjectRole } from "../../projects/access";
import { transferSettings } from "../download";
import { requestTransfer } from "../request";
import { type TransferView } from "../view";

/**
 * Asks for an export. Anyone signed in may export the projects they see
 * and their own activity (everyone's with activity.read_all); a project's
 * items need the project's viewer role; users need user.read (the
 * administrators'). The worker reads the rows later as the requester, so
 * what ends up in the file is what RLS shows them then.
 */
export async function requestExport(
  ctx: ServiceContext,
  input: ExportRequestInput,
): Promise<TransferView> {
  transferSettings(ctx.deps);
  if (input.resource === "users" && !ctx.principal.permissions.has("user.read")) {
    throw new AppError("FORBIDDEN", "Exporting users needs the user.read permission", {
      reason: "missing_permission",
      details: { permission: "user.read" },
    });
  }
  const projectId = input.resource === "workflow_instances" ? (input.projectId ?? null) : null;
  if (projectId) await requireProjectRole(ctx.db, ctx.principal, projectId, "viewer");
  return requestTransfer(ctx, {
    kind: "export",
    resource: input.resource,
    format: input.format,
    projectId,
  });
}
