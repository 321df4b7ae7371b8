import { recordActivity } from "../activity";
import { type ServiceContext } from "../context";
import { assertInvitee, invitationRefused, usableInvitation } from "./token";

/** The signed-in invitee says no: the link is spent and nothing else changes. */
export async function declineInvitation(ctx: ServiceContext, token: string): Promise<{ ok: true }> {
  const record = await usableInvitation(ctx.db, token);
  assertInvitee(record, ctx.principal.email);
  const spent = await ctx.db.projectInvitation.updateMany({
    where: { id: record.invitation_id, status: "pending" },
    data: { status: "declined", declinedAt: new Date() },
  });
  if (spent.count !== 1) throw invitationRefused("invitation_used");
  await recordActivity(ctx.db, ctx.actor, {
    action: "project.invitation_decline",
    entityType: "project",
    entityId: record.project_id,
    after: { invitationId: record.invitation_id, role: record.role },
  });
  return { ok: true };
}
