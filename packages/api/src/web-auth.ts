import { verifyAccessToken } from "@fastnext/auth";
import { AppError, type Credentials } from "@fastnext/core";
import {
  type ClientMeta,
  login,
  revokeSession,
  verifyTwoFactor,
  ZVerifyTwoFactorInputSchema,
} from "@fastnext/core/auth";
import { exchangeOAuthCode } from "@fastnext/core/identities";
import {
  ZLoginInputSchema,
  ZOAuthExchangeInputSchema,
  ZSecondFactorCodeSchema,
} from "@fastnext/validators";

import { type ApiDeps } from "./deps";
import { clientAddress, type TrustProxy } from "./http/client-address";
import { resolveRequestId } from "./http/request-id";

/**
 * Sign-in for the web app's session cookie (next-auth). The same service as
 * `auth.login` (then `auth.verifyTwoFactor` when the account has two-factor
 * sign-in on): limits, lockout and the device session are shared. Only the
 * ids of the opened session come back, never a token: the cookie holds no
 * secret, and the session is ended server-side.
 */

/** Why a web sign-in was refused, as the code the sign-in page receives. */
export type WebSignInError =
  /** Unknown e-mail, wrong password or malformed input (not told apart). */
  | "CredentialsSignin"
  /** Too many attempts from this address or for this account. */
  | "RateLimited"
  /** Too many wrong passwords in a row: the account is locked for a while. */
  | "AccountLocked"
  /** Right password, but the account is deactivated. */
  | "AccountInactive"
  /** Right password, and the account needs a code too: ask for it and sign in again with `code`. */
  | "TwoFactorRequired";

export type WebSignInResult =
  | { ok: true; userId: string; sessionId: string; email: string; name: string }
  | { ok: false; error: WebSignInError; retryAfterSeconds?: number };

export interface WebRequestInfo {
  headers: Headers;
  /** The socket peer's address (a proxy's, when one is in front); null when unknown. */
  remoteAddress?: string | null;
}

/** What the web app's sign-in needs from its process: the dependencies and whose forwarding headers to believe. */
export interface WebAuthDeps {
  deps: ApiDeps;
  trustProxy: TrustProxy;
}

function metaOf(request: WebRequestInfo, trustProxy: TrustProxy): ClientMeta {
  return {
    ip: clientAddress(request.remoteAddress ?? null, request.headers, trustProxy),
    userAgent: request.headers.get("user-agent"),
    requestId: resolveRequestId(request.headers),
  };
}

function refusal(error: AppError): WebSignInResult | null {
  const retry = error.details?.retryAfterSeconds;
  const retryAfterSeconds = typeof retry === "number" ? retry : undefined;
  if (error.code === "RATE_LIMITED") {
    return {
      ok: false,
      error: error.reason === "account_locked" ? "AccountLocked" : "RateLimited",
      retryAfterSeconds,
    };
  }
  if (error.code === "UNAUTHENTICATED") {
    return {
      ok: false,
      error: error.reason === "account_inactive" ? "AccountInactive" : "CredentialsSignin",
    };
  }
  return null;
}

/**
 * Checks an e-mail and password (and the two-factor `code` when the account
 * needs one) and opens a device session. Refusals are returned; anything
 * else (the database is down) is thrown. A wrong code is refused like a
 * wrong password (CredentialsSignin), and counts towards the lock-out.
 */
export async function webSignIn(
  credentials: Partial<Record<"email" | "password" | "code", unknown>> | undefined,
  request: WebRequestInfo,
  { deps, trustProxy }: WebAuthDeps,
): Promise<WebSignInResult> {
  const input = ZLoginInputSchema.safeParse({
    email: credentials?.email,
    password: credentials?.password,
  });
  if (!input.success) return { ok: false, error: "CredentialsSignin" };
  const given = credentials?.code;
  const code =
    given === undefined || given === "" ? undefined : ZSecondFactorCodeSchema.safeParse(given);
  if (code && !code.success) return { ok: false, error: "CredentialsSignin" };
  const meta = metaOf(request, trustProxy);
  try {
    const first = await login(deps, input.data, meta);
    let result;
    if (first.status === "signed_in") result = first;
    else if (code)
      result = await verifyTwoFactor(
        deps,
        { challengeToken: first.challengeToken, code: code.data },
        meta,
      );
    else return { ok: false, error: "TwoFactorRequired" };
    // The session id travels in the access token sign-in just signed.
    const session = await verifyAccessToken(result.accessToken, deps.tokens);
    return {
      ok: true,
      userId: session.userId,
      sessionId: session.sessionId,
      email: result.user.email ?? input.data.email,
      name: result.user.name,
    };
  } catch (error) {
    const refused = error instanceof AppError ? refusal(error) : null;
    if (refused) return refused;
    throw error;
  }
}

/** Ends a web session for good (idempotent): its cookie is refused from the next request on. */
export async function webSignOut(
  session: Credentials,
  request: WebRequestInfo,
  { deps, trustProxy }: WebAuthDeps,
): Promise<void> {
  await revokeSession(
    deps,
    session.userId,
    session.sessionId,
    "logout",
    metaOf(request, trustProxy),
  );
}

/** Why an external web sign-in was refused, as the code the sign-in page receives. */
export type WebExternalSignInError =
  | Exclude<WebSignInError, "CredentialsSignin">
  /** The one-time code is unknown, used, expired or not this browser's (start again). */
  | "ExternalCodeInvalid"
  /** A wrong second-factor code. */
  | "TwoFactorInvalid";

export type WebExternalSignInResult =
  | { ok: true; userId: string; sessionId: string; email: string; name: string }
  | { ok: false; error: WebExternalSignInError; challengeToken?: string };

/**
 * The web app's end of an external sign-in: the one-time code the external
 * flow (`/api/oauth/<provider>/…`) sent to the sign-in page, with the PKCE
 * verifier the page kept, for a device session (the same service as
 * auth.oauth.exchange). When the account has two-factor sign-in on, the
 * result carries the challenge token; the page calls again with it and the
 * `code` (auth.verifyTwoFactor's rules).
 */
export async function webExternalSignIn(
  credentials:
    | Partial<
        Record<"oauthCode" | "codeVerifier" | "redirectUri" | "challengeToken" | "code", unknown>
      >
    | undefined,
  request: WebRequestInfo,
  { deps, trustProxy }: WebAuthDeps,
): Promise<WebExternalSignInResult> {
  const meta = metaOf(request, trustProxy);
  try {
    let result;
    if (credentials?.challengeToken !== undefined) {
      const second = ZVerifyTwoFactorInputSchema.safeParse({
        challengeToken: credentials.challengeToken,
        code: credentials.code,
      });
      if (!second.success) return { ok: false, error: "TwoFactorInvalid" };
      result = await verifyTwoFactor(deps, second.data, meta);
    } else {
      const input = ZOAuthExchangeInputSchema.safeParse({
        code: credentials?.oauthCode,
        codeVerifier: credentials?.codeVerifier,
        redirectUri: credentials?.redirectUri,
      });
      if (!input.success) return { ok: false, error: "ExternalCodeInvalid" };
      const first = await exchangeOAuthCode(deps, input.data, meta);
      if (first.status === "two_factor_required") {
        return { ok: false, error: "TwoFactorRequired", challengeToken: first.challengeToken };
      }
      result = first;
    }
    const session = await verifyAccessToken(result.accessToken, deps.tokens);
    return {
      ok: true,
      userId: session.userId,
      sessionId: session.sessionId,
      email: result.user.email ?? "",
      name: result.user.name,
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "RATE_LIMITED") {
      return {
        ok: false,
        error: error.reason === "account_locked" ? "AccountLocked" : "RateLimited",
      };
    }
    if (error.reason === "account_inactive") return { ok: false, error: "AccountInactive" };
    if (error.reason === "invalid_code") return { ok: false, error: "TwoFactorInvalid" };
    if (error.code === "UNAUTHENTICATED") return { ok: false, error: "ExternalCodeInvalid" };
    throw error;
  }
}
