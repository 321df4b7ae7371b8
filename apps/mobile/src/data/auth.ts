import { signIn, type FastnextClient, type SignInResult, type TokenStore } from "@fastnext/client";

export interface PasswordSignIn {
  email: string;
  password: string;
  /** Shown in the account's device list, e.g. "Ada's iPhone". */
  deviceLabel?: string;
}

/**
 * The first step of signing in. Accounts with two-factor sign-in answer
 * `two_factor_required` and nothing is stored until `completeTwoFactor`.
 */
export function signInWithPassword(
  client: FastnextClient,
  tokens: TokenStore,
  input: PasswordSignIn,
): Promise<SignInResult> {
  return signIn(client, tokens, {
    email: input.email.trim(),
    password: input.password,
    ...(input.deviceLabel ? { deviceLabel: input.deviceLabel } : {}),
  });
}

/** The second step: the code from the authenticator app (or a recovery code) for the challenge. */
export async function completeTwoFactor(
  client: FastnextClient,
  tokens: TokenStore,
  input: { challengeToken: string; code: string },
): Promise<void> {
  const result = await client.auth.verifyTwoFactor.mutate({
    challengeToken: input.challengeToken,
    code: input.code.replace(/\s+/g, ""),
  });
  await tokens.set({ accessToken: result.accessToken, refreshToken: result.refreshToken });
}

/** Creates the account, then signs this device in with it. */
export async function registerAccount(
  client: FastnextClient,
  tokens: TokenStore,
  input: { name: string; email: string; password: string; deviceLabel?: string },
): Promise<SignInResult> {
  await client.auth.register.mutate({
    name: input.name.trim(),
    email: input.email.trim(),
    password: input.password,
  });
  return signInWithPassword(client, tokens, input);
}

/** Asks for a reset e-mail. The answer is the same whether or not the address has an account. */
export async function requestPasswordReset(client: FastnextClient, email: string): Promise<void> {
  await client.auth.requestPasswordReset.mutate({ email: email.trim() });
}
