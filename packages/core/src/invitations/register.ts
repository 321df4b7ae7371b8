import { type InvitationRegisterInput } from "@fastnext/validators";

import { type CoreDeps } from "../deps";
import { type ClientMeta } from "../auth/client-meta";
import { register } from "../auth/register";
import { type UserView } from "../users/view";
import { joinFromInvitation, type JoinOutcome } from "./join";
import { usableInvitation } from "./token";

/**
 * An address with no account registers and joins in one step. The address
 * is the invitation's (the mailbox that received the link is the proof),
 * and the usual rules of registration apply: open registration, the
 * password policy, the rate limit. Account and membership commit together
 * or not at all.
 */
export async function registerFromInvitation(
  deps: CoreDeps,
  input: InvitationRegisterInput,
  meta: ClientMeta,
): Promise<{ user: UserView; membership: JoinOutcome }> {
  const record = await usableInvitation(deps.pool, input.token);
  let membership: JoinOutcome | undefined;
  const user = await register(
    deps,
    { email: record.email, name: input.name, password: input.password },
    meta,
    async (tx, userId) => {
      membership = await joinFromInvitation(tx, { userId, ...meta }, record);
    },
  );
  if (!membership) throw new Error("registration committed without joining the project");
  return { user, membership };
}
