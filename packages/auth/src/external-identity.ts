import { createHash } from "node:crypto";
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";
import { z } from "zod";

import { type IdentityProviderConfig } from "./identity-providers-env";

/*
 * The client side of an external sign-in: the authorization URL a browser is
 * sent to, and the exchange of the provider's code for who the user is.
 * OpenID Connect providers (Google, Entra ID, a company's) are read from
 * their discovery document and prove the user with a signed ID token whose
 * issuer, audience, expiry and nonce are checked; GitHub speaks OAuth 2 only,
 * and its user API says who the user is. Every request to a provider is
 * bounded in time.
 */

/** Who the provider says signed in. */
export interface ExternalProfile {
  provider: IdentityProviderConfig["id"];
  /** The provider's stable id of the account. */
  accountId: string;
  email: string | null;
  /** Only true when the provider vouches for the e-mail address. */
  emailVerified: boolean;
  name: string | null;
}

export type ExternalIdentityFailure =
  /** The provider did not answer, or answered with something unusable. */
  | "provider_unavailable"
  /** The provider refused the code (expired, already used, wrong client). */
  | "provider_refused"
  /** The ID token failed a check: signature, issuer, audience, expiry or nonce. */
  | "invalid_id_token";

export class ExternalIdentityError extends Error {
  constructor(
    readonly reason: ExternalIdentityFailure,
    message: string,
  ) {
    super(message);
    this.name = "ExternalIdentityError";
  }
}

const PROVIDER_TIMEOUT_MS = 10_000;

/** The S256 challenge of a PKCE code verifier (RFC 7636, 4.2). */
export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

const ZDiscoverySchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
});
type Discovery = z.infer<typeof ZDiscoverySchema>;

interface OidcMetadata extends Discovery {
  keys: JWTVerifyGetKey;
}

const discoveries = new Map<string, Promise<OidcMetadata>>();

async function getJson(url: string, init: RequestInit = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
  } catch (error) {
    throw new ExternalIdentityError(
      "provider_unavailable",
      `the identity provider did not answer (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.status >= 500 || body === null) {
    throw new ExternalIdentityError(
      "provider_unavailable",
      `the identity provider answered ${response.status}`,
    );
  }
  if (!response.ok) {
    throw new ExternalIdentityError(
      "provider_refused",
      `the identity provider refused (${response.status})`,
    );
  }
  return body;
}

/** The issuer's discovery document and keys, read once per process (a failed read is retried next time). */
function discover(issuer: string): Promise<OidcMetadata> {
  let found = discoveries.get(issuer);
  if (!found) {
    found = (async () => {
      const parsed = ZDiscoverySchema.safeParse(
        await getJson(`${issuer}/.well-known/openid-configuration`),
      );
      // OpenID Connect Discovery 4.3: the document must name the issuer it was fetched for.
      if (!parsed.success || parsed.data.issuer.replace(/\/+$/, "") !== issuer) {
        throw new ExternalIdentityError(
          "provider_unavailable",
          "the issuer's discovery document is not valid",
        );
      }
      return {
        ...parsed.data,
        keys: createRemoteJWKSet(new URL(parsed.data.jwks_uri), {
          timeoutDuration: PROVIDER_TIMEOUT_MS,
        }),
      };
    })();
    discoveries.set(issuer, found);
    found.catch(() => discoveries.delete(issuer));
  }
  return found;
}

const GITHUB = {
  authorize: "https://github.com/login/oauth/authorize",
  token: "https://github.com/login/oauth/access_token",
  user: "https://api.github.com/user",
  emails: "https://api.github.com/user/emails",
};

export interface AuthorizationParams {
  /** Our callback, registered at the provider. */
  redirectUri: string;
  state: string;
  nonce: string;
  /** Our own PKCE challenge towards the provider (its verifier stays with us). */
  codeChallenge: string;
}

/** Where to send the browser to sign in at the provider. */
export async function authorizationUrl(
  provider: IdentityProviderConfig,
  params: AuthorizationParams,
): Promise<string> {
  const endpoint = provider.issuer
    ? (await discover(provider.issuer)).authorization_endpoint
    : GITHUB.authorize;
  const url = new URL(endpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("redirect_uri", params.redirectUri);
  url.searchParams.set("scope", provider.issuer ? "openid email profile" : "read:user user:email");
  url.searchParams.set("state", params.state);
  url.searchParams.set("code_challenge", params.codeChallenge);
  url.searchParams.set("code_challenge_method", "S256");
  if (provider.issuer) url.searchParams.set("nonce", params.nonce);
  return url.toString();
}

export interface CodeExchangeParams {
  code: string;
  redirectUri: string;
  codeVerifier: string;
  /** The nonce sent with the authorization request; the ID token must carry it. */
  nonce: string;
}

const ZTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  id_token: z.string().min(1).optional(),
});

async function redeemCode(
  provider: IdentityProviderConfig,
  tokenEndpoint: string,
  params: CodeExchangeParams,
): Promise<z.infer<typeof ZTokenResponseSchema>> {
  // client_secret_basic (RFC 6749, 2.3.1): both parts form-encoded first.
  const basic = Buffer.from(
    `${encodeURIComponent(provider.clientId)}:${encodeURIComponent(provider.clientSecret)}`,
  ).toString("base64");
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code: params.code,
    redirect_uri: params.redirectUri,
    code_verifier: params.codeVerifier,
  });
  const answer = ZTokenResponseSchema.safeParse(
    await getJson(tokenEndpoint, {
      method: "POST",
      headers: {
        authorization: `Basic ${basic}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body,
    }),
  );
  if (!answer.success) {
    throw new ExternalIdentityError("provider_refused", "the identity provider issued no token");
  }
  return answer.data;
}

const ZIdTokenClaimsSchema = z.object({
  sub: z.string().min(1).max(255),
  nonce: z.string().optional(),
  email: z.string().optional(),
  email_verified: z.union([z.boolean(), z.literal("true"), z.literal("false")]).optional(),
  /** Entra ID's "e-mail domain owner verified" claim (its `email` is not verified otherwise). */
  xms_edov: z.union([z.boolean(), z.literal("true"), z.literal("false")]).optional(),
  name: z.string().optional(),
});

const truthy = (value: boolean | "true" | "false" | undefined) =>
  value === true || value === "true";

async function oidcProfile(
  provider: IdentityProviderConfig & { issuer: string },
  params: CodeExchangeParams,
): Promise<ExternalProfile> {
  const metadata = await discover(provider.issuer);
  const tokens = await redeemCode(provider, metadata.token_endpoint, params);
  if (!tokens.id_token) {
    throw new ExternalIdentityError("invalid_id_token", "the identity provider sent no ID token");
  }
  let payload;
  try {
    ({ payload } = await jwtVerify(tokens.id_token, metadata.keys, {
      issuer: metadata.issuer,
      audience: provider.clientId,
      clockTolerance: 30,
    }));
  } catch (error) {
    if (error instanceof ExternalIdentityError) throw error;
    throw new ExternalIdentityError("invalid_id_token", "the ID token did not verify");
  }
  const claims = ZIdTokenClaimsSchema.safeParse(payload);
  if (!claims.success || claims.data.nonce !== params.nonce) {
    throw new ExternalIdentityError("invalid_id_token", "the ID token is not for this sign-in");
  }
  const { sub, email, name } = claims.data;
  const verified =
    provider.id === "entra"
      ? truthy(claims.data.email_verified) || truthy(claims.data.xms_edov)
      : truthy(claims.data.email_verified);
  return {
    provider: provider.id,
    accountId: sub,
    email: email ?? null,
    emailVerified: email !== undefined && verified,
    name: name ?? null,
  };
}

const ZGithubUserSchema = z.object({
  id: z.number().int(),
  name: z.string().nullable(),
  login: z.string(),
});
const ZGithubEmailsSchema = z.array(
  z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }),
);

async function githubProfile(
  provider: IdentityProviderConfig,
  params: CodeExchangeParams,
): Promise<ExternalProfile> {
  const tokens = await redeemCode(provider, GITHUB.token, params);
  const headers = {
    authorization: `Bearer ${tokens.access_token}`,
    accept: "application/vnd.github+json",
    "user-agent": "fastnext",
  };
  const user = ZGithubUserSchema.safeParse(await getJson(GITHUB.user, { headers }));
  const emails = ZGithubEmailsSchema.safeParse(await getJson(GITHUB.emails, { headers }));
  if (!user.success || !emails.success) {
    throw new ExternalIdentityError(
      "provider_unavailable",
      "GitHub's user API answered unexpectedly",
    );
  }
  const primary = emails.data.find((entry) => entry.primary);
  return {
    provider: "github",
    accountId: String(user.data.id),
    email: primary?.email ?? null,
    emailVerified: primary?.verified === true,
    name: user.data.name ?? user.data.login,
  };
}

/** Redeems the provider's code (with our PKCE verifier) and says who signed in. */
export function completeAuthorization(
  provider: IdentityProviderConfig,
  params: CodeExchangeParams,
): Promise<ExternalProfile> {
  const { issuer } = provider;
  return issuer ? oidcProfile({ ...provider, issuer }, params) : githubProfile(provider, params);
}
