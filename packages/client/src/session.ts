import type { RouterInputs, RouterOutputs } from "@fastnext/api";

import { type FastnextClient } from "./client";
import { type TokenStore } from "./token-store";

export type Credentials = RouterInputs["auth"]["login"];
export type SignInResult = RouterOutputs["auth"]["login"];

/** Signs in with e-mail and password and keeps the new tokens in `tokens`. */
export async function signIn(
  client: FastnextClient,
  tokens: TokenStore,
  credentials: Credentials,
): Promise<SignInResult> {
  const session = await client.auth.login.mutate(credentials);
  await tokens.set({ accessToken: session.accessToken, refreshToken: session.refreshToken });
  return session;
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
