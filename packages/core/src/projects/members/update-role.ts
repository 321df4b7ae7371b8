import { type ProjectMemberInput } from "@fastnext/validators";

import { AppError } from "../../errors";
import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { changedMeanwhile } from "../errors";
import { assertAnotherOwnerRemains } from "./owners";
import { memberSelect, type ProjectMemberView } from "./view";

/** Changes a member's role (owner or project.manage_all); the last owner cannot step down. */
export async function updateMemberRole(
  ctx: ServiceContext,
  input: ProjectMemberInput,
): Promise<ProjectMemberView> {
  const { db } = ctx;
  const key = { projectId_userId: { projectId: input.projectId, userId: input.userId } };
  const member = await db.projectMember.findUnique({ where: key, select: memberSelect });
  if (!member) throw new AppError("NOT_FOUND", "No such member", { reason: "member_not_found" });
  if (member.role === input.role) {
    throw new AppError("PRECONDITION_FAILED", `The member already has the ${input.role} role`, {
      reason: "role_unchanged",
      fieldErrors: { role: ["Unchanged"] },
    });
  }
  if (member.role === "owner") await assertAnotherOwnerRemains(db, input.projectId, input.userId);
  const { count } = await db.projectMember.updateMany({
    where: { projectId: input.projectId, userId: input.userId },
    data: { role: input.role },
  });
  if (count !== 1) throw changedMeanwhile();
  await recordActivity(db, ctx.actor, {
    action: "project.member_role_change",
    entityType: "project",
    entityId: input.projectId,
    before: { userId: input.userId, role: member.role },
    after: { userId: input.userId, role: input.role },
  });
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { name: true } });
  return { ...member, role: input.role, name: user?.name ?? null };
}
