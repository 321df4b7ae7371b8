import { verifyAccessToken } from "@fastnext/auth";
import { ZLoginInputSchema } from "@fastnext/validators";

import { type Credentials } from "./auth/principal";
import { defaultApiDeps, type ApiDeps } from "./deps";
import { AppError } from "./errors";
import { clientIp, resolveRequestId } from "./http/request-id";
import { type ClientMeta } from "./services/auth/client-meta";
import { login } from "./services/auth/login";
import { revokeSession } from "./services/auth/refresh";

/**
 * Sign-in for the web app's session cookie (next-auth). The same service as
 * `auth.login`: limits, lockout and the device session are shared. Only the
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
  | "AccountInactive";

export type WebSignInResult =
  | { ok: true; userId: string; sessionId: string; email: string; name: string }
  | { ok: false; error: WebSignInError; retryAfterSeconds?: number };

export interface WebRequestInfo {
  headers: Headers;
  /** The peer address when known and no proxy header is set. */
  remoteAddress?: string | null;
}

function metaOf(request: WebRequestInfo): ClientMeta {
  return {
    ip: clientIp(request.headers, request.remoteAddress ?? null),
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
 * Checks an e-mail and password and opens a device session. Refusals are
 * returned; anything else (the database is down) is thrown.
 */
export async function webSignIn(
  credentials: Partial<Record<"email" | "password", unknown>> | undefined,
  request: WebRequestInfo,
  deps: ApiDeps = defaultApiDeps(),
): Promise<WebSignInResult> {
  const input = ZLoginInputSchema.safeParse({
    email: credentials?.email,
    password: credentials?.password,
  });
  if (!input.success) return { ok: false, error: "CredentialsSignin" };
  try {
    const result = await login(deps, input.data, metaOf(request));
    // The session id travels in the access token login just signed.
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
  request: WebRequestInfo = { headers: new Headers() },
  deps: ApiDeps = defaultApiDeps(),
): Promise<void> {
  await revokeSession(deps, session.userId, session.sessionId, "logout", metaOf(request));
}
