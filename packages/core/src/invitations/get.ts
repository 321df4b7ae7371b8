import { type PrismaClient } from "@fastnext/db";

import { usableInvitation } from "./token";
import { toPublicView, type InvitationPublicView } from "./view";

/** The invitation behind a link, for its page: only while the link can be used. */
export async function getInvitation(
  pool: PrismaClient,
  token: string,
): Promise<InvitationPublicView> {
  return toPublicView(await usableInvitation(pool, token));
}
