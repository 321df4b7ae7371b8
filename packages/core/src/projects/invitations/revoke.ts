import { AppError } from "../../errors";
import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { type InvitationRevokeInput } from "./input";

/**
 * Withdraws a pending invitation (owner or project.manage_all): its link
 * stops working. The row stays, as history.
 */
export async function revokeInvitation(
  ctx: ServiceContext,
  input: InvitationRevokeInput,
): Promise<{ ok: true }> {
  const { db, principal } = ctx;
  const now = new Date();
  const revoked = await db.projectInvitation.updateManyAndReturn({
    where: { id: input.invitationId, projectId: input.projectId, status: "pending" },
    data: { status: "revoked", revokedAt: now, revokedById: principal.userId },
    select: { email: true, role: true },
  });
  const invitation = revoked[0];
  if (!invitation) {
    const exists = await db.projectInvitation.findFirst({
      where: { id: input.invitationId, projectId: input.projectId },
      select: { status: true },
    });
    if (!exists)
      throw new AppError("NOT_FOUND", "No such invitation", { reason: "invitation_not_found" });
    throw new AppError("PRECONDITION_FAILED", `This invitation was already ${exists.status}`, {
      reason: "invitation_not_pending",
      details: { status: exists.status },
    });
  }
  await recordActivity(db, ctx.actor, {
    action: "project.invitation_revoke",
    entityType: "project",
    entityId: input.projectId,
    before: {
      invitationId: input.invitationId,
      email: invitation.email,
      role: invitation.role,
      status: "pending",
    },
    after: {
      invitationId: input.invitationId,
      email: invitation.email,
      role: invitation.role,
      status: "revoked",
    },
  });
  return { ok: true };
}
