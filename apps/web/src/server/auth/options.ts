import { type AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";

import { webExternalSignIn, webSignIn, webSignOut, type WebRequestInfo } from "@fastnext/api";
import { createLogger } from "@fastnext/logger";

import { webEnv } from "../../env";
import { apiDeps } from "../api-deps";
import { peerAddress } from "../peer-address";

/**
 * Codes next-auth puts in `?error=` of the sign-in page when a sign-in is
 * refused. `CredentialsSignin` (next-auth's own) covers an unknown e-mail and
 * a wrong password alike.
 */
export const SIGN_IN_ERRORS = {
  invalidCredentials: "CredentialsSignin",
  rateLimited: "RateLimited",
  accountLocked: "AccountLocked",
  accountInactive: "AccountInactive",
  /** Sign-in could not be checked (e.g. the database is unreachable). */
  unavailable: "SignInUnavailable",
  /** Right password; the account needs its second factor: sign in again with `code`. */
  twoFactorRequired: "TwoFactorRequired",
} as const;

function headersOf(raw: Record<string, unknown> | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw ?? {})) {
    if (typeof value === "string") headers.set(name, value);
  }
  return headers;
}

/** The user next-auth keeps in its token: our user and session ids, and what is shown. */
function sessionUser(signedIn: { userId: string; sessionId: string; name: string; email: string }) {
  return {
    id: signedIn.userId,
    sessionId: signedIn.sessionId,
    name: signedIn.name,
    email: signedIn.email,
  };
}

/**
 * next-auth for the web app: e-mail and password checked by the API's login
 * service, a JWT session cookie holding only our user and session ids. Built
 * on first use, since it reads the runtime configuration.
 */
export function createAuthOptions(): AuthOptions {
  const env = webEnv();
  const log = createLogger("web", { module: "next-auth" });
  const webAuth = () => ({ deps: apiDeps(), trustProxy: env.api.TRUSTED_PROXIES });

  /** Runs a sign-in service for `authorize`; one that could not be checked is `unavailable`. */
  async function runSignIn<Result>(
    what: string,
    rawHeaders: Record<string, unknown> | undefined,
    signIn: (request: WebRequestInfo) => Promise<Result>,
  ): Promise<Result> {
    const headers = headersOf(rawHeaders);
    try {
      return await signIn({ headers, remoteAddress: peerAddress(headers) });
    } catch (error) {
      log.error({ err: error }, `${what} failed`);
      throw new Error(SIGN_IN_ERRORS.unavailable);
    }
  }

  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt" },
    // Refusals land on the sign-in page with their code in `?error=`.
    pages: { error: "/api/auth/signin" },
    providers: [
      CredentialsProvider({
        name: "e-mail and password",
        credentials: {
          email: { label: "E-mail", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const result = await runSignIn("sign-in", req.headers, (request) =>
            webSignIn(credentials, request, webAuth()),
          );
          if (result.ok) return sessionUser(result);
          log.info({ reason: result.error }, "sign-in refused");
          switch (result.error) {
            case "CredentialsSignin":
              return null;
            case "RateLimited":
              throw new Error(SIGN_IN_ERRORS.rateLimited);
            case "AccountLocked":
              throw new Error(SIGN_IN_ERRORS.accountLocked);
            case "AccountInactive":
              throw new Error(SIGN_IN_ERRORS.accountInactive);
            case "TwoFactorRequired":
              throw new Error(SIGN_IN_ERRORS.twoFactorRequired);
          }
        },
      }),
      // The end of an external sign-in (/api/oauth/<provider>/…): the one-time
      // code and the page's PKCE verifier, then the second factor if due.
      CredentialsProvider({
        id: "external",
        name: "external identity provider",
        credentials: {
          oauthCode: { type: "text" },
          codeVerifier: { type: "text" },
          redirectUri: { type: "text" },
          challengeToken: { type: "text" },
          code: { type: "text" },
        },
        async authorize(credentials, req) {
          const result = await runSignIn("external sign-in", req.headers, (request) =>
            webExternalSignIn(credentials, request, webAuth()),
          );
          if (result.ok) return sessionUser(result);
          log.info({ reason: result.error }, "external sign-in refused");
          // The challenge goes back to the page that started it, as auth.oauth.exchange answers it.
          if (result.challengeToken) {
            throw new Error(`${SIGN_IN_ERRORS.twoFactorRequired}:${result.challengeToken}`);
          }
          throw new Error(result.error);
        },
      }),
    ],
    callbacks: {
      // On sign-in the token is built from scratch: ids, plus the name and
      // e-mail for display. Later calls (and client updates) change nothing.
      jwt({ token, user, trigger }) {
        // `user` is only present on sign-in, whatever its type says.
        if (trigger !== "signIn") return token;
        if (!user.sessionId) throw new Error("sign-in returned no session");
        return {
          sub: user.id,
          userId: user.id,
          sessionId: user.sessionId,
          name: user.name,
          email: user.email,
        };
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.userId } };
      },
    },
    events: {
      // Ends the DB session, so the cookie is refused even if replayed.
      async signOut({ token }) {
        const { userId, sessionId } = token;
        if (!userId || !sessionId) return;
        try {
          await webSignOut({ userId, sessionId }, { headers: new Headers() }, webAuth());
        } catch (error) {
          log.error({ err: error, sessionId }, "could not revoke the session on sign-out");
        }
      },
    },
    logger: {
      error: (code, metadata) => log.error({ code, metadata }, "next-auth error"),
      warn: (code) => log.warn({ code }, "next-auth warning"),
      debug: () => undefined,
    },
  };
}
