import { type ServiceContext } from "../context";
import { joinFromInvitation, type JoinOutcome } from "./join";
import { assertInvitee, usableInvitation } from "./token";

/** The signed-in invitee joins the project with the role offered (single use). */
export async function acceptInvitation(ctx: ServiceContext, token: string): Promise<JoinOutcome> {
  const record = await usableInvitation(ctx.db, token);
  assertInvitee(record, ctx.principal.email);
  return joinFromInvitation(ctx.db, ctx.actor, record);
}
