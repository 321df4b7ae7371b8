import { InvalidAccessTokenError, verifyAccessToken } from "@fastnext/auth";

import { AppError } from "../errors";
import { type Context } from "../trpc/context";
import { type Credentials } from "./principal";

/**
 * Reads a session the web app established (next-auth cookie). Injected by
 * the app, so this package never imports Next.js.
 */
export type ResolveSession = (headers: Headers) => Promise<Credentials | null>;

/**
 * Who the request claims to be: a bearer access token (phones, scripts)
 * in the Authorization header, or in the subscription link's connection
 * params (`token`; an EventSource cannot send headers), or, failing both,
 * the web session. A bad access token is refused outright rather than
 * falling back to a cookie.
 */
export async function resolveCredentials(ctx: Context): Promise<Credentials | null> {
  const header = ctx.headers.get("authorization");
  const param = ctx.connectionParams?.token;
  if (header || param !== undefined) {
    const token = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : param;
    if (!token) {
      const message = header ? "Malformed Authorization header" : "Malformed access token";
      throw new AppError("UNAUTHENTICATED", message, { reason: "invalid_token" });
    }
    try {
      const verified = await verifyAccessToken(token, ctx.deps.tokens);
      return { userId: verified.userId, sessionId: verified.sessionId };
    } catch (error) {
      if (!(error instanceof InvalidAccessTokenError)) throw error;
      const expired = error.reason === "expired";
      throw new AppError("UNAUTHENTICATED", expired ? "The access token has expired" : "Invalid access token", {
        reason: expired ? "token_expired" : "invalid_token",
      });
    }
  }
  return ctx.resolveSession ? ctx.resolveSession(ctx.headers) : null;
}
