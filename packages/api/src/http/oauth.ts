import { randomBytes } from "node:crypto";
import { z } from "zod";

import {
  authorizationUrl,
  completeAuthorization,
  decryptSecret,
  encryptSecret,
  ExternalIdentityError,
  pkceChallenge,
  safeEqual,
  type IdentityProviderConfig,
  type IdentityProvidersEnv,
} from "@fastnext/auth";
import { AppError } from "@fastnext/core";
import { issueCode, resolveExternalAccount, verifiedEmailOf } from "@fastnext/core/identities";
import { rootLogger, type Logger } from "@fastnext/logger";
import {
  ZCodeChallengeSchema,
  ZIdentityProviderSchema,
  ZRedirectUriSchema,
} from "@fastnext/validators";

import { type ApiDeps } from "../deps";
import { clientAddress, servedOverHttps, type TrustProxy } from "./client-address";
import { type RequestInfo } from "./handler";
import { resolveRequestId } from "./request-id";

/*
 * The browser half of a phone's or script's external sign-in
 * (authorization code with PKCE, RFC 7636 and RFC 8252):
 *
 *   GET <prefix>/<provider>/authorize?code_challenge=…&code_challenge_method=S256
 *       &redirect_uri=<allow-listed>&state=<client's>[&intent=link]
 *     -> the provider's sign-in page
 *   GET <prefix>/<provider>/callback?code=…&state=…
 *     -> <redirect_uri>?code=<one-time code>&state=<client's>
 *        or <redirect_uri>?error=<reason>&error_description=…&state=<client's>
 *
 * then auth.oauth.exchange (sign-in) or auth.identities.link (link) takes
 * the code and the client's verifier. What the callback must remember (our
 * state, nonce and PKCE verifier towards the provider, the client's
 * challenge, redirect URI and state) rides in a sealed, HttpOnly cookie
 * bound to this browser, so a callback replayed in another browser, or a
 * forged one, finds nothing to continue. A redirect URI is matched exactly
 * against AUTH_OAUTH_REDIRECT_URIS before anything is sent to it.
 */

const TRANSACTION_COOKIE = "fastnext_oauth";
const TRANSACTION_CONTEXT = "oauth-transaction";
/** How long the user may take at the provider's sign-in page. */
const TRANSACTION_TTL_SECONDS = 600;

const ZTransactionSchema = z.object({
  provider: z.string(),
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  challenge: z.string(),
  redirectUri: z.string(),
  clientState: z.string(),
  intent: z.enum(["sign_in", "link"]),
  expiresAt: z.number(),
});
type Transaction = z.infer<typeof ZTransactionSchema>;

const ZAuthorizeQuerySchema = z.object({
  code_challenge: ZCodeChallengeSchema,
  code_challenge_method: z.literal("S256", { error: "only S256 is supported" }),
  redirect_uri: ZRedirectUriSchema,
  state: z.string().min(8).max(500),
  intent: z.enum(["sign_in", "link"]).default("sign_in"),
});

export interface OAuthHandlerOptions {
  /** Path the routes are mounted at: "/api/oauth" on the web app, "/oauth" on the API server. */
  prefix: string;
  identity: IdentityProvidersEnv;
  deps: ApiDeps | (() => ApiDeps);
  trustProxy: TrustProxy;
  logger?: Logger;
}

const random = () => randomBytes(32).toString("base64url");

function plainError(status: number, message: string, requestId: string): Response {
  return new Response(JSON.stringify({ error: message, requestId }), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      "x-request-id": requestId,
    },
  });
}

function redirect(location: string, cookie: string | null, requestId: string): Response {
  const headers = new Headers({
    location,
    "cache-control": "no-store",
    "x-request-id": requestId,
  });
  if (cookie) headers.append("set-cookie", cookie);
  return new Response(null, { status: 302, headers });
}

function cookieValue(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

/** The exact paths the handler answers, for a server that routes by path (the API server's extra routes). */
export function oauthRoutePaths(prefix: string, identity: IdentityProvidersEnv): string[] {
  return identity.providers.flatMap((provider) => [
    `${prefix}/${provider.id}/authorize`,
    `${prefix}/${provider.id}/callback`,
  ]);
}

/** The routes of the phone flow, as one fetch-style handler (404 for any other path). */
export function createOAuthHandler(options: OAuthHandlerOptions) {
  const { prefix, identity, trustProxy } = options;
  const logger = options.logger ?? rootLogger();
  const deps = () => (typeof options.deps === "function" ? options.deps() : options.deps);
  const providers = new Map(identity.providers.map((provider) => [provider.id, provider]));

  const callbackUrl = (request: Request, provider: IdentityProviderConfig) =>
    `${identity.publicUrl ?? new URL(request.url).origin}${prefix}/${provider.id}/callback`;

  function transactionCookie(
    request: Request,
    info: RequestInfo,
    value: string,
    maxAge: number,
  ): string {
    const secure = servedOverHttps(
      identity.publicUrl ?? request.url,
      info.remoteAddress ?? null,
      request.headers,
      trustProxy,
    );
    return `${TRANSACTION_COOKIE}=${value}; Path=${prefix}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
  }

  async function authorize(
    request: Request,
    provider: IdentityProviderConfig,
    requestId: string,
    info: RequestInfo,
  ) {
    const url = new URL(request.url);
    const query = ZAuthorizeQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) {
      const issue = query.error.issues[0];
      return plainError(
        400,
        `${issue?.path.join(".") ?? "query"}: ${issue?.message ?? "invalid"}`,
        requestId,
      );
    }
    const { redirect_uri: redirectUri } = query.data;
    // Exact match, or nothing is ever sent there (no open redirect).
    if (!identity.redirectUris.some((allowed) => safeEqual(allowed, redirectUri))) {
      return plainError(400, "redirect_uri: not an allowed redirect URI", requestId);
    }
    const transaction: Transaction = {
      provider: provider.id,
      state: random(),
      nonce: random(),
      verifier: random(),
      challenge: query.data.code_challenge,
      redirectUri,
      clientState: query.data.state,
      intent: query.data.intent,
      expiresAt: Date.now() + TRANSACTION_TTL_SECONDS * 1000,
    };
    let location;
    try {
      location = await authorizationUrl(provider, {
        redirectUri: callbackUrl(request, provider),
        state: transaction.state,
        nonce: transaction.nonce,
        codeChallenge: pkceChallenge(transaction.verifier),
      });
    } catch (error) {
      if (!(error instanceof ExternalIdentityError)) throw error;
      logger.warn({ provider: provider.id, err: error }, "identity provider unavailable");
      return plainError(502, "the identity provider is not available", requestId);
    }
    const sealed = encryptSecret(JSON.stringify(transaction), {
      context: TRANSACTION_CONTEXT,
      keys: deps().encryptionKeys,
    });
    return redirect(
      location,
      transactionCookie(request, info, sealed, TRANSACTION_TTL_SECONDS),
      requestId,
    );
  }

  function openTransaction(request: Request): Transaction | null {
    const sealed = cookieValue(request.headers.get("cookie"), TRANSACTION_COOKIE);
    if (!sealed) return null;
    try {
      const opened = ZTransactionSchema.safeParse(
        JSON.parse(
          decryptSecret(sealed, { context: TRANSACTION_CONTEXT, keys: deps().encryptionKeys }),
        ),
      );
      return opened.success ? opened.data : null;
    } catch {
      return null;
    }
  }

  async function callback(
    request: Request,
    provider: IdentityProviderConfig,
    requestId: string,
    info: RequestInfo,
  ) {
    const url = new URL(request.url);
    const transaction = openTransaction(request);
    const state = url.searchParams.get("state") ?? "";
    // Not this browser's sign-in (or a forged callback): nothing may be redirected anywhere.
    if (
      !transaction ||
      transaction.provider !== provider.id ||
      transaction.expiresAt <= Date.now() ||
      !safeEqual(transaction.state, state)
    ) {
      return plainError(
        400,
        "this sign-in was not started in this browser, or has expired: start again",
        requestId,
      );
    }
    const cleared = transactionCookie(request, info, "", 0);
    const back = (params: Record<string, string>) => {
      const target = new URL(transaction.redirectUri);
      for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
      target.searchParams.set("state", transaction.clientState);
      return redirect(target.toString(), cleared, requestId);
    };
    const refuse = (reason: string, description: string) => {
      logger.info({ provider: provider.id, reason }, "external sign-in refused");
      return back({ error: reason, error_description: description });
    };

    const code = url.searchParams.get("code");
    if (url.searchParams.get("error") || !code) {
      return refuse(
        "access_denied",
        "the sign-in was cancelled or refused at the identity provider",
      );
    }
    const meta = {
      ip: clientAddress(info.remoteAddress ?? null, request.headers, trustProxy),
      userAgent: request.headers.get("user-agent"),
      requestId,
    };
    try {
      const profile = await completeAuthorization(provider, {
        code,
        redirectUri: callbackUrl(request, provider),
        codeVerifier: transaction.verifier,
        nonce: transaction.nonce,
      });
      const issue = {
        provider: provider.id,
        accountId: profile.accountId,
        codeChallenge: transaction.challenge,
        redirectUri: transaction.redirectUri,
        ttlSeconds: identity.codeTtlSeconds,
        requestId,
      };
      let oneTimeCode;
      if (transaction.intent === "link") {
        const email = verifiedEmailOf(profile);
        if (!email) {
          return refuse(
            "email_unverified",
            "the identity provider did not confirm this e-mail address",
          );
        }
        oneTimeCode = await issueCode(deps(), { ...issue, intent: "link", userId: null, email });
      } else {
        const account = await resolveExternalAccount(deps(), profile, meta);
        const email = verifiedEmailOf(profile) ?? profile.email ?? "";
        oneTimeCode = await issueCode(deps(), {
          ...issue,
          intent: "sign_in",
          userId: account.userId,
          email,
        });
      }
      return back({ code: oneTimeCode });
    } catch (error) {
      if (error instanceof ExternalIdentityError) return refuse(error.reason, error.message);
      if (error instanceof AppError && error.reason) return refuse(error.reason, error.message);
      logger.error({ err: error, provider: provider.id }, "external sign-in failed");
      return refuse("server_error", "the sign-in could not be completed");
    }
  }

  return async function handleOAuthRequest(
    request: Request,
    info: RequestInfo = {},
  ): Promise<Response> {
    const requestId = resolveRequestId(request.headers);
    const url = new URL(request.url);
    const match = new RegExp(
      `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/([a-z]+)/(authorize|callback)$`,
    ).exec(url.pathname);
    const id = ZIdentityProviderSchema.safeParse(match?.[1]);
    const provider = id.success ? providers.get(id.data) : undefined;
    if (!match || !provider) return plainError(404, "no such identity provider", requestId);
    if (request.method !== "GET") return plainError(405, "use GET", requestId);
    return match[2] === "authorize"
      ? authorize(request, provider, requestId, info)
      : callback(request, provider, requestId, info);
  };
}
