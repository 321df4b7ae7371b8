import { isUniqueViolation } from "@fastnext/db";
import { emitEvent } from "@fastnext/events";
import { PROJECT_INVITATION_TTL_DAYS, type InvitationCreateInput } from "@fastnext/validators";

import { recordActivity } from "../../activity";
import { spend } from "../../auth/rate-limit";
import { type ServiceContext } from "../../context";
import { changedMeanwhile } from "../errors";
import { invitationSelect, type ProjectInvitationView } from "./view";

/**
 * Invites an address to the project (owner or project.manage_all). Nothing
 * here looks at accounts, so the answer, its shape and the work done are
 * the same whether the address has an account, has none, or already
 * belongs to a member: the inviter learns nothing about it. (A member who
 * accepts keeps the role they have; see invitations/join.ts.)
 *
 * A pending invitation to the same address is refreshed instead of
 * duplicated: the new role, PROJECT_INVITATION_TTL_DAYS from now, and a new
 * link (the old one stops working at once). Either way
 * project.invitation_created is raised in this transaction and the worker
 * mails the link.
 */
export async function createInvitation(
  ctx: ServiceContext,
  input: InvitationCreateInput,
): Promise<ProjectInvitationView> {
  const { db, principal } = ctx;
  await spend(ctx.deps.limiters.invitationsPerInviter, principal.userId, "invitations sent");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + PROJECT_INVITATION_TTL_DAYS * 86_400_000);
  const [refreshed] = await db.projectInvitation.updateManyAndReturn({
    where: { projectId: input.projectId, email: input.email, status: "pending" },
    data: { role: input.role, expiresAt, sentAt: now, tokenHash: null },
    select: invitationSelect,
  });
  let invitation: ProjectInvitationView;
  if (refreshed) {
    invitation = refreshed;
  } else {
    try {
      invitation = await db.projectInvitation.create({
        data: {
          projectId: input.projectId,
          email: input.email,
          role: input.role,
          invitedById: principal.userId,
          expiresAt,
          sentAt: now,
        },
        select: invitationSelect,
      });
    } catch (error) {
      // Two owners invited the same address at the same moment.
      if (isUniqueViolation(error)) throw changedMeanwhile();
      throw error;
    }
  }
  await recordActivity(db, ctx.actor, {
    action: refreshed ? "project.invitation_refresh" : "project.invitation_create",
    entityType: "project",
    entityId: input.projectId,
    after: {
      invitationId: invitation.id,
      email: invitation.email,
      role: invitation.role,
      expiresAt,
    },
  });
  await emitEvent(db, "project.invitation_created", {
    invitationId: invitation.id,
    projectId: input.projectId,
    sentAt: invitation.sentAt.toISOString(),
  });
  return invitation;
}
