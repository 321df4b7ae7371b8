import { AppError } from "../../errors";
import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { requireProjectRole } from "../access";
import { changedMeanwhile } from "../errors";
import { type ProjectMemberRemoveInput } from "./input";
import { assertAnotherOwnerRemains } from "./owners";

/**
 * Removes a member: an owner (or project.manage_all) removes anyone, any
 * member may leave. The last owner can do neither to themself.
 */
export async function removeMember(
  ctx: ServiceContext,
  input: ProjectMemberRemoveInput,
): Promise<{ ok: true }> {
  const { db, principal } = ctx;
  const self = input.userId === principal.userId;
  await requireProjectRole(db, principal, input.projectId, self ? "viewer" : "owner");
  const member = await db.projectMember.findUnique({
    where: { projectId_userId: { projectId: input.projectId, userId: input.userId } },
    select: { role: true },
  });
  if (!member) throw new AppError("NOT_FOUND", "No such member", { reason: "member_not_found" });
  if (member.role === "owner") await assertAnotherOwnerRemains(db, input.projectId, input.userId);
  const { count } = await db.projectMember.deleteMany({
    where: { projectId: input.projectId, userId: input.userId },
  });
  if (count !== 1) throw changedMeanwhile();
  await recordActivity(db, ctx.actor, {
    action: "project.member_remove",
    entityType: "project",
    entityId: input.projectId,
    before: { userId: input.userId, role: member.role },
    after: null,
  });
  return { ok: true };
}
