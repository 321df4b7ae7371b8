import { type OAuthExchangeInput } from "@fastnext/validators";

import { type CoreDeps } from "../deps";
import { deviceLabelFrom, type ClientMeta } from "../auth/client-meta";
import { spend } from "../auth/rate-limit";
import { type LoginResult } from "../auth/sign-in";
import { redeemCode } from "./codes";
import { invalidCode } from "./refusals";
import { signInExternal } from "./sign-in";

/**
 * auth.oauth.exchange: a one-time sign-in code and its PKCE verifier for
 * this app's own tokens, the same answer as auth.login (tokens, or a
 * second-factor challenge to complete with auth.verifyTwoFactor).
 */
export async function exchangeOAuthCode(
  deps: CoreDeps,
  input: OAuthExchangeInput,
  meta: ClientMeta,
): Promise<LoginResult> {
  await spend(deps.limiters.loginPerIp, meta.ip ?? "unknown", "sign-in attempts from this address");
  const redeemed = await redeemCode(deps, input, "sign_in");
  if (!redeemed.userId) throw invalidCode("code_invalid");
  const deviceLabel = input.deviceLabel ?? deviceLabelFrom(meta.userAgent);
  return signInExternal(deps, redeemed.userId, redeemed.provider, meta, deviceLabel);
}
