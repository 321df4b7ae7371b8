import type { RouterInputs, RouterOutputs } from "@fastnext/api";

import { type FastnextClient } from "./client";
import { type TokenStore } from "./token-store";

export type Credentials = RouterInputs["auth"]["login"];
export type SignInResult = RouterOutputs["auth"]["login"];

/**
 * Signs in with e-mail and password and keeps the new tokens in `tokens`.
 * When the account has two-factor sign-in on, nothing is stored and the
 * result is `{ status: "two_factor_required", challengeToken }`: complete it
 * with `auth.verifyTwoFactor` and store the tokens it returns.
 */
export async function signIn(
  client: FastnextClient,
  tokens: TokenStore,
  credentials: Credentials,
): Promise<SignInResult> {
  const result = await client.auth.login.mutate(credentials);
  if (result.status === "signed_in") {
    await tokens.set({ accessToken: result.accessToken, refreshToken: result.refreshToken });
  }
  return result;
}

/**
 * Ends this device's session on the server and forgets the tokens. The
 * tokens are forgotten even if the server cannot be reached (the error is
 * still thrown).
 */
export async function signOut(client: FastnextClient, tokens: TokenStore): Promise<void> {
  const stored = await tokens.get();
  if (!stored) return;
  try {
    await client.auth.logout.mutate({ refreshToken: stored.refreshToken });
  } finally {
    await tokens.clear();
  }
}
