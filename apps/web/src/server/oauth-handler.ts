import { createOAuthHandler } from "@fastnext/api/http";

import { webEnv } from "../env";
import { apiDeps } from "./api-deps";

/** Pages of this app that receive an external flow's one-time code (always allowed, exactly). */
export const EXTERNAL_SIGN_IN_PAGE = "/sign-in/external";
export const LINK_IDENTITY_PAGE = "/account/link";

let handler: ReturnType<typeof createOAuthHandler> | undefined;

/**
 * `/api/oauth/<provider>/authorize|callback`: the external sign-in flow,
 * for phones and scripts (their allow-listed redirect URIs) and for this
 * app's own sign-in and account pages.
 */
export function handleOAuthRequest(
  request: Request,
  info: { remoteAddress: string | null },
): Promise<Response> {
  if (!handler) {
    const env = webEnv();
    const { identity } = env.api;
    handler = createOAuthHandler({
      prefix: "/api/oauth",
      identity: {
        ...identity,
        publicUrl: identity.publicUrl ?? env.APP_URL.replace(/\/+$/, ""),
        redirectUris: [
          ...identity.redirectUris,
          new URL(EXTERNAL_SIGN_IN_PAGE, env.APP_URL).toString(),
          new URL(LINK_IDENTITY_PAGE, env.APP_URL).toString(),
        ],
      },
      deps: apiDeps,
      trustProxy: env.api.TRUSTED_PROXIES,
    });
  }
  return handler(request, info);
}

/** The providers the sign-in and account pages offer: only those configured. */
export function enabledIdentityProviders(): { id: string; name: string }[] {
  return webEnv().api.identity.providers.map(({ id, name }) => ({ id, name }));
}
