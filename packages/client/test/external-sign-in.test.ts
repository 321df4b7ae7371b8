import { type Server } from "node:http";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  createNodeServer,
  createOAuthHandler,
  oauthRoutePaths,
  trustNoProxy,
} from "@fastnext/api/http";
import { readIdentityProvidersEnv } from "@fastnext/auth/env";
import {
  followRedirects,
  freePort,
  startApi,
  startOidcProvider,
  type OidcTestProvider,
  type TestApi,
} from "@fastnext/test-support";

import {
  codeFromRedirect,
  completeExternalSignIn,
  createFastnextClient,
  ExternalSignInRefused,
  memoryTokenStore,
  startExternalSignIn,
} from "../src";

/* The client's external sign-in helpers against the real flow and a real OIDC provider. */

const REDIRECT = "fastnext://auth";
let api: TestApi;
let idp: OidcTestProvider;
let server: Server;
let origin: string;

beforeAll(async () => {
  api = await startApi();
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  idp = await startOidcProvider({ redirectUris: [`${origin}/oauth/oidc/callback`] });
  const identity = readIdentityProvidersEnv({ ...idp.env(), AUTH_OAUTH_REDIRECT_URIS: REDIRECT });
  const oauth = createOAuthHandler({
    prefix: "/oauth",
    identity,
    deps: api.deps,
    trustProxy: trustNoProxy,
  });
  server = createNodeServer(() => Promise.resolve(new Response(null, { status: 404 })), {
    prefix: "/none",
    trustProxy: trustNoProxy,
    extraRoutes: Object.fromEntries(
      oauthRoutePaths("/oauth", identity).map((path) => [path, oauth]),
    ),
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await idp.close();
  await api.close();
});

describe("external sign-in from the typed client", () => {
  it("opens the flow, checks the state, exchanges the code and keeps the tokens", async () => {
    idp.addAccount({
      sub: "client-user",
      email: `client-${Date.now()}@example.com`,
      emailVerified: true,
      name: "Cli",
    });
    idp.signInAs("client-user");
    const tokens = memoryTokenStore();
    const client = createFastnextClient({ url: api.url, tokens });

    const pending = await startExternalSignIn({
      origin,
      provider: "oidc",
      redirectUri: REDIRECT,
      pathPrefix: "/oauth",
    });
    const returned = await followRedirects(pending.url, (url) => url.href.startsWith(REDIRECT));

    // A redirect of another sign-in (its state) is refused before any call.
    const other = await startExternalSignIn({
      origin,
      provider: "oidc",
      redirectUri: REDIRECT,
      pathPrefix: "/oauth",
    });
    expect(() => codeFromRedirect(other, returned.href)).toThrow(ExternalSignInRefused);

    const result = await completeExternalSignIn(client, tokens, pending, returned.href, "CLI test");
    expect(result.status).toBe("signed_in");
    expect(await tokens.get()).not.toBeNull();
    const me = await client.users.me.query();
    expect(me.user.name).toBe("Cli");
  });

  it("turns a refusal into ExternalSignInRefused with its reason, storing nothing", async () => {
    idp.addAccount({
      sub: "unverified",
      email: "unverified@example.com",
      emailVerified: false,
      name: "Un",
    });
    idp.signInAs("unverified");
    const tokens = memoryTokenStore();
    const client = createFastnextClient({ url: api.url, tokens });
    const pending = await startExternalSignIn({
      origin,
      provider: "oidc",
      redirectUri: REDIRECT,
      pathPrefix: "/oauth",
    });
    const returned = await followRedirects(pending.url, (url) => url.href.startsWith(REDIRECT));
    await expect(
      completeExternalSignIn(client, tokens, pending, returned.href),
    ).rejects.toMatchObject({
      reason: "email_unverified",
    });
    expect(await tokens.get()).toBeNull();
  });
});
