import { z } from "zod";

import { Prisma, scopedRows, type ScopedDb } from "@fastnext/db";
import { emitEvent } from "@fastnext/events";
import { type ProjectRole } from "@fastnext/validators";

import { recordActivity, type Actor } from "../activity";
import { invitationRefused, type InvitationRecord } from "./token";

export interface JoinOutcome {
  projectId: string;
  /** The caller's role on the project now. */
  role: ProjectRole;
  /** false: they were a member already and keep the role they had. */
  joined: boolean;
}

/**
 * Accepts an invitation in the caller's transaction (the caller is the
 * invitee, checked before). The invitation row is locked first, so a
 * concurrent accept, decline or revoke waits and then finds it answered:
 * of two at once, one wins and the other gets a typed refusal. The
 * membership is inserted while the invitation is still pending (the policy
 * project_members_insert_invited allows exactly that), then it is spent.
 * Someone who is a member already keeps their role: an invitation never
 * changes a role.
 */
/** Locks the invitation and refuses it unless it is still pending and unexpired. */
async function lockPending(db: ScopedDb, invitationId: string): Promise<void> {
  const [row] = z
    .array(z.object({ status: z.string(), expires_at: z.date() }))
    .parse(
      await scopedRows(
        db,
        Prisma.sql`SELECT status, expires_at FROM project_invitations WHERE id = ${invitationId}::uuid FOR UPDATE`,
      ),
    );
  if (!row) throw invitationRefused("invitation_invalid");
  if (row.status === "revoked") throw invitationRefused("invitation_revoked");
  if (row.status !== "pending") throw invitationRefused("invitation_used");
  if (row.expires_at <= new Date()) throw invitationRefused("invitation_expired");
}

export async function joinFromInvitation(
  db: ScopedDb,
  actor: Actor,
  record: InvitationRecord,
): Promise<JoinOutcome> {
  const projectId = record.project_id;
  await lockPending(db, record.invitation_id);
  const existing = await db.projectMember.findUnique({
    where: { projectId_userId: { projectId, userId: actor.userId } },
    select: { role: true },
  });
  if (!existing) {
    // No RETURNING: the new member cannot read the row back within the same statement.
    await db.projectMember.createMany({
      data: [
        { projectId, userId: actor.userId, role: record.role, addedById: record.invited_by_id },
      ],
    });
  }
  const now = new Date();
  const spent = await db.projectInvitation.updateMany({
    where: { id: record.invitation_id, status: "pending", expiresAt: { gt: now } },
    data: { status: "accepted", acceptedAt: now, acceptedById: actor.userId },
  });
  if (spent.count !== 1) throw invitationRefused("invitation_used");
  await recordActivity(db, actor, {
    action: "project.invitation_accept",
    entityType: "project",
    entityId: projectId,
    after: { invitationId: record.invitation_id, role: record.role, joined: !existing },
  });
  if (existing) return { projectId, role: existing.role, joined: false };
  await recordActivity(db, actor, {
    action: "project.member_add",
    entityType: "project",
    entityId: projectId,
    before: null,
    after: { userId: actor.userId, role: record.role, invitationId: record.invitation_id },
  });
  await emitEvent(db, "project.member_added", {
    projectId,
    userId: actor.userId,
    role: record.role,
  });
  return { projectId, role: record.role, joined: true };
}
