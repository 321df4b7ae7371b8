import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";

import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { z } from "zod";

/** A person at the test identity provider, as its ID tokens describe them. */
export const ZOidcTestAccountSchema = z.object({
  sub: z.string().min(1),
  email: z.string(),
  emailVerified: z.boolean(),
  name: z.string(),
});
export type OidcTestAccount = z.infer<typeof ZOidcTestAccountSchema>;

/** `POST <issuer>/__test__/next-sign-in` with an account's JSON: that person signs in next. */
export const CONTROL_PATH = "/__test__/next-sign-in";

export interface OidcTestProviderOptions {
  clientId?: string;
  clientSecret?: string;
  /** Where the provider may send the browser back to (our callbacks), exactly. */
  redirectUris: string[];
  /** Port to listen on (default: any free one). */
  port?: number;
}

/**
 * A real OpenID Connect provider (`oidc-provider`) on loopback, for the
 * tests of external sign-in. Its sign-in page is replaced by one that signs
 * in whoever `signInAs` named last, without a form, and consent is given
 * for the client's scopes, so a browser, or a client following redirects,
 * passes straight through. Everything else (discovery, PKCE, the code, the
 * signed ID token with its nonce) is the provider's own.
 */
export async function startOidcProvider(options: OidcTestProviderOptions) {
  const clientId = options.clientId ?? "fastnext-test";
  const clientSecret = options.clientSecret ?? "fastnext-test-secret-of-at-least-32-chars";
  const accounts = new Map<string, OidcTestAccount>();
  let next: string | null = null;

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The claims of the granted scopes travel in the ID token (no userinfo call needed).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ["test-cookie-key-0123456789abcdef"] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: account.email,
          email_verified: account.emailVerified,
          name: account.name,
        }),
      };
    },
    // Consent for the requested scopes, without a page.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const client = ctx.oidc.client;
      const session = ctx.oidc.session;
      if (!client || !session?.accountId) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({
        clientId: client.clientId,
        accountId: session.accountId,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      session.grantIdFor(client.clientId, grant.jti);
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse) {
    const login = next;
    if (!login || !accounts.has(login)) {
      res.statusCode = 500;
      res.end("signInAs() names nobody");
      return;
    }
    await provider.interactionDetails(req, res);
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: login } },
      { mergeWithLastSubmission: false },
    );
  }

  // Another process (a browser test) names the next person with a POST of their claims.
  async function control(req: IncomingMessage, res: ServerResponse) {
    let body = "";
    for await (const chunk of req) body += String(chunk);
    const account = ZOidcTestAccountSchema.parse(JSON.parse(body));
    accounts.set(account.sub, account);
    next = account.sub;
    res.statusCode = 204;
    res.end();
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "POST" && req.url === CONTROL_PATH) {
      control(req, res).catch((error: unknown) => {
        res.statusCode = 400;
        res.end(String(error));
      });
      return;
    }
    if (req.url?.startsWith("/interaction/")) {
      interaction(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    void callback(req, res);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    /** Adds (or replaces) an account. */
    addAccount(account: OidcTestAccount) {
      accounts.set(account.sub, account);
    },
    /** Who the next sign-in at the provider is. */
    signInAs(sub: string) {
      next = sub;
    },
    /** The variables that turn this provider on as the installation's OIDC provider. */
    env(name = "Test SSO"): Record<string, string> {
      return {
        AUTH_OIDC_ISSUER: issuer,
        AUTH_OIDC_ID: clientId,
        AUTH_OIDC_SECRET: clientSecret,
        AUTH_OIDC_NAME: name,
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type OidcTestProvider = Awaited<ReturnType<typeof startOidcProvider>>;

/**
 * Follows a browser's redirects with fetch, keeping each host's cookies,
 * until a Location leaves http(s) or matches `stop`; returns that Location
 * (or throws on an answer that is not a redirect, with its status and body).
 */
export async function followRedirects(
  start: string,
  stop: (location: URL) => boolean = () => false,
  jar = new Map<string, Map<string, string>>(),
): Promise<URL> {
  let url = new URL(start);
  for (let hop = 0; hop < 20; hop += 1) {
    const cookies = jar.get(url.host) ?? new Map<string, string>();
    const response = await fetch(url, {
      redirect: "manual",
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ""] = header.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/max-age=0/i.test(header) || value === "") cookies.delete(name);
      else cookies.set(name, value);
    }
    jar.set(url.host, cookies);
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new Error(
        `expected a redirect from ${url.pathname}, got ${response.status}: ${await response.text()}`,
      );
    }
    const next = new URL(location, url);
    if (!next.protocol.startsWith("http") || stop(next)) return next;
    url = next;
  }
  throw new Error("too many redirects");
}
