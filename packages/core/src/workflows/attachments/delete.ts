import { emitEvent } from "@fastnext/events";

import { AppError } from "../../errors";
import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { projectAccess } from "../../projects/access";
import { attachmentNotFound } from "./errors";
import { attachmentSelect } from "./view";

/**
 * Removes a file from its instance: its uploader (while a member) or the
 * project's owners. The row goes now; the stored bytes are removed by the
 * worker on the event, once the delete has committed (a delete that rolls
 * back keeps its file).
 */
export async function deleteAttachment(
  ctx: ServiceContext,
  attachmentId: string,
): Promise<{ id: string }> {
  const row = await ctx.db.workflowAttachment.findUnique({
    where: { id: attachmentId },
    select: attachmentSelect,
  });
  if (!row) throw attachmentNotFound();
  const { count } = await ctx.db.workflowAttachment.deleteMany({ where: { id: attachmentId } });
  if (count !== 1) {
    // Visible but not deletable: the policy refused. Say why, as the role checks do.
    const access = await projectAccess(ctx.db, ctx.principal, row.projectId);
    if (!access) throw attachmentNotFound();
    throw new AppError("FORBIDDEN", "Only the uploader or the project's owners remove a file", {
      reason: "attachment_delete_not_allowed",
    });
  }
  await recordActivity(ctx.db, ctx.actor, {
    action: "workflow_attachment.delete",
    entityType: "workflow_instance",
    entityId: row.instanceId,
    before: {
      attachmentId: row.id,
      fileName: row.fileName,
      contentType: row.contentType,
      size: row.size,
    },
    after: null,
  });
  await emitEvent(ctx.db, "workflow.attachment_deleted", {
    attachmentId: row.id,
    instanceId: row.instanceId,
    projectId: row.projectId,
  });
  return { id: row.id };
}
