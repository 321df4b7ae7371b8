import { InvalidAccessTokenError, verifyAccessToken, type AccessTokenConfig } from "@fastnext/auth";

import { AppError } from "../errors";
import { type Credentials } from "./principal";

/**
 * Reads a session the web app established (next-auth cookie). Injected by
 * the app, so this package never imports Next.js.
 */
export type ResolveSession = (headers: Headers) => Promise<Credentials | null>;

/** What a request offers to prove who is calling. */
export interface CredentialSources {
  headers: Headers;
  /** Sent by tRPC's subscription link, whose EventSource cannot set headers (e.g. `{ token }`). */
  connectionParams?: Readonly<Record<string, string | undefined>> | null;
  resolveSession: ResolveSession | null;
}

/**
 * Who the request claims to be: a bearer access token (phones, scripts)
 * in the Authorization header, or in the subscription link's connection
 * params (`token`; an EventSource cannot send headers), or, failing both,
 * the web session. A bad access token is refused outright rather than
 * falling back to a cookie.
 */
export async function resolveCredentials(
  request: CredentialSources,
  tokens: AccessTokenConfig,
): Promise<Credentials | null> {
  const header = request.headers.get("authorization");
  const param = request.connectionParams?.token;
  if (header || param !== undefined) {
    const token = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : param;
    if (!token) {
      const message = header ? "Malformed Authorization header" : "Malformed access token";
      throw new AppError("UNAUTHENTICATED", message, { reason: "invalid_token" });
    }
    try {
      const verified = await verifyAccessToken(token, tokens);
      return { userId: verified.userId, sessionId: verified.sessionId };
    } catch (error) {
      if (!(error instanceof InvalidAccessTokenError)) throw error;
      const expired = error.reason === "expired";
      throw new AppError(
        "UNAUTHENTICATED",
        expired ? "The access token has expired" : "Invalid access token",
        {
          reason: expired ? "token_expired" : "invalid_token",
        },
      );
    }
  }
  return request.resolveSession ? request.resolveSession(request.headers) : null;
}
