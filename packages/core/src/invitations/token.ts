import { hashOpaqueToken } from "@fastnext/auth";
import { type PrismaClient, type ScopedDb } from "@fastnext/db";
import { type ProjectRole } from "@fastnext/validators";

import { AppError } from "../errors";

/** An invitation as its link finds it (app.find_project_invitation). */
export interface InvitationRecord {
  invitation_id: string;
  project_id: string;
  project_name: string;
  invited_by_id: string | null;
  inviter_name: string | null;
  email: string;
  role: ProjectRole;
  status: "pending" | "accepted" | "declined" | "revoked";
  expires_at: Date;
}

export type InvitationRefusal =
  | "invitation_invalid"
  | "invitation_used"
  | "invitation_revoked"
  | "invitation_expired"
  | "invitation_other_account";

const MESSAGES: Record<InvitationRefusal, string> = {
  invitation_invalid: "This invitation link is not valid",
  invitation_used: "This invitation was already answered",
  invitation_revoked: "This invitation was withdrawn",
  invitation_expired: "This invitation has expired",
  invitation_other_account: "This invitation is for another e-mail address",
};

/** The one typed error for every invitation link that cannot be used (and why). */
export function invitationRefused(reason: InvitationRefusal): AppError {
  const code =
    reason === "invitation_invalid"
      ? "NOT_FOUND"
      : reason === "invitation_other_account"
        ? "FORBIDDEN"
        : "PRECONDITION_FAILED";
  return new AppError(code, MESSAGES[reason], { reason });
}

/**
 * The pending, unexpired invitation behind a link's secret, found by its
 * hash through the definer function (the caller may be nobody yet).
 * Anything else is refused with the reason.
 */
export async function usableInvitation(
  db: ScopedDb | PrismaClient,
  token: string,
): Promise<InvitationRecord> {
  const rows = await db.$queryRaw<InvitationRecord[]>`
    SELECT * FROM app.find_project_invitation(${hashOpaqueToken(token)})`;
  const record = rows[0];
  if (!record) throw invitationRefused("invitation_invalid");
  if (record.status === "revoked") throw invitationRefused("invitation_revoked");
  if (record.status !== "pending") throw invitationRefused("invitation_used");
  if (record.expires_at <= new Date()) throw invitationRefused("invitation_expired");
  return record;
}

/** A signed-in caller may answer only an invitation to their own account's address. */
export function assertInvitee(record: InvitationRecord, callerEmail: string): void {
  if (record.email !== callerEmail.trim().toLowerCase())
    throw invitationRefused("invitation_other_account");
}
