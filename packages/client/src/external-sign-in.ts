import { type FastnextClient } from "./client";
import { type SignInResult } from "./session";
import { type TokenStore } from "./token-store";

/*
 * External sign-in (GitHub, Google, Entra ID, company SSO) for phones and
 * scripts: authorization code with PKCE (RFC 7636, RFC 8252). Open `url`
 * in the system browser; the server sends it back to `redirectUri` (one of
 * the server's AUTH_OAUTH_REDIRECT_URIS) with a one-time code; hand that
 * address to `completeExternalSignIn`.
 */

/** What the app keeps between opening the browser and receiving the redirect. */
export interface PendingExternalSignIn {
  url: string;
  redirectUri: string;
  state: string;
  codeVerifier: string;
}

function base64url(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * The authorize address to open, with a fresh verifier and state (Web
 * Crypto: browsers, Node.js 20, React Native with a crypto polyfill).
 * `origin` is where the API serves `/api/oauth` (the web app) or, with
 * `pathPrefix: "/oauth"`, the standalone API server.
 */
export async function startExternalSignIn(options: {
  origin: string;
  provider: "github" | "google" | "entra" | "oidc";
  redirectUri: string;
  /** `link`: the code links the identity to the signed-in caller (auth.identities.link). */
  intent?: "sign_in" | "link";
  pathPrefix?: string;
}): Promise<PendingExternalSignIn> {
  const codeVerifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(codeVerifier))),
  );
  const url = new URL(
    `${options.origin.replace(/\/+$/, "")}${options.pathPrefix ?? "/api/oauth"}/${options.provider}/authorize`,
  );
  url.searchParams.set("code_challenge", challenge);
  url.searchParams.set("code_challenge_method", "S256");
  url.searchParams.set("redirect_uri", options.redirectUri);
  url.searchParams.set("state", state);
  url.searchParams.set("intent", options.intent ?? "sign_in");
  return { url: url.toString(), redirectUri: options.redirectUri, state, codeVerifier };
}

/** The sign-in was refused at the provider or by the server: `reason` is e.g. `email_unverified`. */
export class ExternalSignInRefused extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "ExternalSignInRefused";
  }
}

/** The one-time code of the address the browser came back to, after checking its state. */
export function codeFromRedirect(pending: PendingExternalSignIn, returned: string): string {
  const url = new URL(returned);
  if (url.searchParams.get("state") !== pending.state) {
    throw new ExternalSignInRefused(
      "state_mismatch",
      "this redirect does not belong to this sign-in",
    );
  }
  const error = url.searchParams.get("error");
  if (error)
    throw new ExternalSignInRefused(error, url.searchParams.get("error_description") ?? error);
  const code = url.searchParams.get("code");
  if (!code) throw new ExternalSignInRefused("code_missing", "the redirect carries no code");
  return code;
}

/**
 * Exchanges the returned code for this app's tokens and keeps them in
 * `tokens`. Like `signIn`, a two-factor account answers
 * `{ status: "two_factor_required", challengeToken }` and stores nothing.
 */
export async function completeExternalSignIn(
  client: FastnextClient,
  tokens: TokenStore,
  pending: PendingExternalSignIn,
  returned: string,
  deviceLabel?: string,
): Promise<SignInResult> {
  const result = await client.auth.oauth.exchange.mutate({
    code: codeFromRedirect(pending, returned),
    codeVerifier: pending.codeVerifier,
    redirectUri: pending.redirectUri,
    ...(deviceLabel ? { deviceLabel } : {}),
  });
  if (result.status === "signed_in") {
    await tokens.set({ accessToken: result.accessToken, refreshToken: result.refreshToken });
  }
  return result;
}
