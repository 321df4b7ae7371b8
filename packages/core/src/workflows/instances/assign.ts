import { emitEvent } from "@fastnext/events";

import { AppError } from "../../errors";
import { recordActivity } from "../../activity";
import { type WorkContext } from "../../context";
import { requireProjectRole } from "../../projects/access";
import { type WorkflowAssignInput } from "./input";
import { instanceNotFound, staleVersion, transitionNotAllowed } from "./errors";
import { getInstance } from "./get";
import { lockInstance } from "./lock";
import { type WorkflowInstanceView } from "./view";

/**
 * Gives an instance to a project member, or to nobody (editor or owner, or
 * project.manage_all). Like a transition it bumps the version, so a screen
 * showing the old assignee learns of the change. Assigning the current
 * assignee again changes nothing and writes nothing.
 */
export async function assignInstance(
  ctx: WorkContext,
  input: WorkflowAssignInput,
): Promise<WorkflowInstanceView> {
  const { db, principal } = ctx;
  const instance = await db.workflowInstance.findUnique({
    where: { id: input.instanceId },
    select: { projectId: true },
  });
  if (!instance) throw instanceNotFound();
  await requireProjectRole(db, principal, instance.projectId, "editor");
  const locked = await lockInstance(db, input.instanceId);
  if (!locked) throw transitionNotAllowed();
  if (input.expectedVersion !== undefined && input.expectedVersion !== locked.version)
    throw staleVersion(locked);
  if (locked.assigneeId === input.assigneeId) return getInstance(ctx, locked.id);
  if (input.assigneeId !== null) {
    const member = await db.projectMember.findUnique({
      where: { projectId_userId: { projectId: locked.projectId, userId: input.assigneeId } },
      select: { userId: true },
    });
    if (!member) {
      throw new AppError("VALIDATION", "Only members of the project can be assigned", {
        reason: "assignee_not_member",
        fieldErrors: { assigneeId: ["Not a member of this project"] },
      });
    }
  }
  const { count } = await db.workflowInstance.updateMany({
    where: { id: locked.id, version: locked.version },
    data: { assigneeId: input.assigneeId, version: locked.version + 1 },
  });
  // Cannot happen while the row is locked; if it ever does, roll everything back.
  if (count !== 1) throw staleVersion(locked);
  await recordActivity(db, ctx.actor, {
    action: "workflow_instance.assign",
    entityType: "workflow_instance",
    entityId: locked.id,
    before: { assigneeId: locked.assigneeId, version: locked.version },
    after: { assigneeId: input.assigneeId, version: locked.version + 1 },
  });
  await emitEvent(db, "workflow.assigned", {
    instanceId: locked.id,
    projectId: locked.projectId,
    assigneeId: input.assigneeId,
  });
  return getInstance(ctx, locked.id);
}
