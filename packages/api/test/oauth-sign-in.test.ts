import { createHash, randomBytes } from "node:crypto";
import { type Server } from "node:http";

import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readIdentityProvidersEnv } from "@fastnext/auth/env";
import {
  failure,
  followRedirects,
  freePort,
  signedIn,
  signInAdmin,
  signUp,
  startApi,
  startOidcProvider,
  type OidcTestProvider,
  type TestApi,
} from "@fastnext/test-support";

import { createNodeServer, createOAuthHandler, oauthRoutePaths, trustNoProxy } from "../src/http";

/*
 * The phone and script flow of external sign-in, end to end over real
 * HTTP: this API's authorize and callback routes, a real OpenID Connect
 * provider (oidc-provider) on loopback, and auth.oauth.exchange.
 */

const APP_REDIRECT = "fastnext://auth";
const OTHER_REDIRECT = "http://127.0.0.1:9/elsewhere";

let api: TestApi;
let idp: OidcTestProvider;
let oauthServer: Server;
let base: string;

beforeAll(async () => {
  api = await startApi();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  idp = await startOidcProvider({ redirectUris: [`${base}/oauth/oidc/callback`] });
  const identity = readIdentityProvidersEnv({
    ...idp.env(),
    AUTH_OAUTH_REDIRECT_URIS: `${APP_REDIRECT},${OTHER_REDIRECT}`,
  });
  const oauth = createOAuthHandler({
    prefix: "/oauth",
    identity,
    deps: api.deps,
    trustProxy: trustNoProxy,
  });
  oauthServer = createNodeServer(
    () => Promise.resolve(new Response("not found", { status: 404 })),
    {
      prefix: "/nothing-else",
      trustProxy: trustNoProxy,
      extraRoutes: Object.fromEntries(
        oauthRoutePaths("/oauth", identity).map((path) => [path, oauth]),
      ),
    },
  );
  await new Promise<void>((resolve) => oauthServer.listen(port, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => oauthServer.close(() => resolve()));
  await idp.close();
  await api.close();
});

let counter = 0;

/** A fresh person at the provider. */
function person(options: { email?: string; emailVerified?: boolean } = {}) {
  counter += 1;
  const account = {
    sub: `idp-user-${counter}-${randomBytes(4).toString("hex")}`,
    email: options.email ?? `sso${counter}-${Date.now()}@example.com`,
    emailVerified: options.emailVerified ?? true,
    name: `Person ${counter}`,
  };
  idp.addAccount(account);
  return account;
}

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL(`${base}/oauth/oidc/authorize`);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/** Runs the browser part as `sub`: authorize, the provider, our callback; returns where the app was sent. */
async function browserFlow(
  sub: string,
  options: { intent?: "sign_in" | "link"; redirectUri?: string; challenge?: string } = {},
) {
  const { verifier, challenge } = pkce();
  const state = randomBytes(12).toString("base64url");
  const redirectUri = options.redirectUri ?? APP_REDIRECT;
  idp.signInAs(sub);
  const landed = await followRedirects(
    authorizeUrl({
      code_challenge: options.challenge ?? challenge,
      code_challenge_method: "S256",
      redirect_uri: redirectUri,
      state,
      ...(options.intent ? { intent: options.intent } : {}),
    }),
    (location) => location.href.startsWith(redirectUri),
  );
  expect(landed.searchParams.get("state")).toBe(state);
  return {
    landed,
    code: landed.searchParams.get("code"),
    error: landed.searchParams.get("error"),
    verifier,
    redirectUri,
  };
}

async function usersWithEmail(email: string): Promise<number> {
  const { rows } = await api.sql.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM users WHERE email = $1",
    [email],
  );
  return rows[0]?.n ?? -1;
}

describe("first sign-in and the code exchange", () => {
  it("creates an account with the default roles, links the identity and exchanges the code for tokens", async () => {
    const someone = person();
    const flow = await browserFlow(someone.sub);
    expect(flow.error).toBeNull();
    expect(flow.code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const session = signedIn(
      await api.client().auth.oauth.exchange.mutate({
        code: flow.code ?? "",
        codeVerifier: flow.verifier,
        redirectUri: flow.redirectUri,
      }),
    );
    expect(session.user.email).toBe(someone.email);
    expect(session.user.name).toBe(someone.name);
    const me = await api.client(session.accessToken).users.me.query();
    expect(me.user.id).toBe(session.user.id);

    const { rows: account } = await api.sql.query<{ has_password: boolean; roles: string[] }>(
      `SELECT u.has_password, array_agg(r.key ORDER BY r.key) AS roles
         FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
        WHERE u.id = $1 GROUP BY u.id`,
      [session.user.id],
    );
    const { rows: defaults } = await api.sql.query<{ key: string }>(
      "SELECT key FROM roles WHERE is_default ORDER BY key",
    );
    expect(account[0]).toEqual({ has_password: false, roles: defaults.map((role) => role.key) });
    const { rows: identities } = await api.sql.query(
      "SELECT provider, provider_account_id, email_at_link FROM linked_identities WHERE user_id = $1",
      [session.user.id],
    );
    expect(identities).toEqual([
      { provider: "oidc", provider_account_id: someone.sub, email_at_link: someone.email },
    ]);
    const { rows: trail } = await api.sql.query<{ action: string; changes: unknown }>(
      "SELECT action, changes FROM activities WHERE actor_id = $1 ORDER BY created_at, action",
      [session.user.id],
    );
    expect(trail.map((entry) => entry.action).sort()).toEqual(
      ["auth.login", "identity.link", "user.register"].sort(),
    );
    expect(JSON.stringify(trail.find((entry) => entry.action === "auth.login")?.changes)).toContain(
      "external",
    );

    // Signing in again finds the same account.
    const again = await browserFlow(someone.sub);
    const second = signedIn(
      await api.client().auth.oauth.exchange.mutate({
        code: again.code ?? "",
        codeVerifier: again.verifier,
        redirectUri: again.redirectUri,
      }),
    );
    expect(second.user.id).toBe(session.user.id);
    expect(await usersWithEmail(someone.email)).toBe(1);
  });

  it("stores only the digest of a code", async () => {
    const flow = await browserFlow(person().sub);
    const { rows } = await api.sql.query("SELECT 1 FROM oauth_codes WHERE code_hash = $1", [
      flow.code,
    ]);
    expect(rows).toHaveLength(0);
    const { rows: hashed } = await api.sql.query("SELECT 1 FROM oauth_codes WHERE code_hash = $1", [
      createHash("sha256")
        .update(flow.code ?? "")
        .digest("hex"),
    ]);
    expect(hashed).toHaveLength(1);
  });

  it("refuses a reused code, a wrong verifier, another redirect URI, an expired or unknown code", async () => {
    const exchange = (code: string, codeVerifier: string, redirectUri = APP_REDIRECT) =>
      failure(api.client().auth.oauth.exchange.mutate({ code, codeVerifier, redirectUri }));
    const someone = person();

    const used = await browserFlow(someone.sub);
    signedIn(
      await api.client().auth.oauth.exchange.mutate({
        code: used.code ?? "",
        codeVerifier: used.verifier,
        redirectUri: used.redirectUri,
      }),
    );
    expect((await exchange(used.code ?? "", used.verifier)).data).toMatchObject({
      code: "UNAUTHORIZED",
      reason: "code_used",
    });

    // A wrong verifier spends the code: the right one cannot follow.
    const guessed = await browserFlow(someone.sub);
    expect((await exchange(guessed.code ?? "", pkce().verifier)).data).toMatchObject({
      code: "UNAUTHORIZED",
      reason: "code_mismatch",
    });
    expect((await exchange(guessed.code ?? "", guessed.verifier)).data).toMatchObject({
      reason: "code_used",
    });

    const elsewhere = await browserFlow(someone.sub);
    expect(
      (await exchange(elsewhere.code ?? "", elsewhere.verifier, OTHER_REDIRECT)).data,
    ).toMatchObject({
      reason: "code_mismatch",
    });

    const late = await browserFlow(someone.sub);
    await api.sql.query(
      "UPDATE oauth_codes SET expires_at = now() - interval '1 second' WHERE code_hash = $1",
      [
        createHash("sha256")
          .update(late.code ?? "")
          .digest("hex"),
      ],
    );
    expect((await exchange(late.code ?? "", late.verifier)).data).toMatchObject({
      reason: "code_expired",
    });

    expect(
      (await exchange(randomBytes(32).toString("base64url"), pkce().verifier)).data,
    ).toMatchObject({
      reason: "code_invalid",
    });

    const malformed = await failure(
      api.client().auth.oauth.exchange.mutate({
        code: "x",
        codeVerifier: "short",
        redirectUri: APP_REDIRECT,
      }),
    );
    expect(malformed.data?.code).toBe("BAD_REQUEST");
    expect(malformed.data?.fieldErrors).toHaveProperty("codeVerifier");

    // None of these opened a session.
    const { rows } = await api.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sessions s JOIN linked_identities i ON i.user_id = s.user_id WHERE i.provider_account_id = $1",
      [someone.sub],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it("asks for the second factor of an account that has it on", async () => {
    const someone = person();
    const first = await browserFlow(someone.sub);
    const session = signedIn(
      await api.client().auth.oauth.exchange.mutate({
        code: first.code ?? "",
        codeVerifier: first.verifier,
        redirectUri: APP_REDIRECT,
      }),
    );
    const client = api.client(session.accessToken);
    const { secret } = await client.users.security.twoFactor.setup.mutate();
    await client.users.security.twoFactor.confirm.mutate({ code: await generate({ secret }) });

    const next = await browserFlow(someone.sub);
    const result = await api.client().auth.oauth.exchange.mutate({
      code: next.code ?? "",
      codeVerifier: next.verifier,
      redirectUri: APP_REDIRECT,
    });
    if (result.status !== "two_factor_required")
      throw new Error("expected a second-factor challenge");
    const wrong = await failure(
      api
        .client()
        .auth.verifyTwoFactor.mutate({ challengeToken: result.challengeToken, code: "000000" }),
    );
    expect(wrong.data).toMatchObject({ code: "UNAUTHORIZED", reason: "invalid_code" });
    const step = Math.floor(Date.now() / 30_000) + 1;
    const done = await api.client().auth.verifyTwoFactor.mutate({
      challengeToken: result.challengeToken,
      code: await generate({ secret, epoch: step * 30 }),
    });
    expect(done.user.id).toBe(session.user.id);
  });
});

describe("refusals at the callback", () => {
  it("never creates or links an account for an unverified e-mail", async () => {
    const someone = person({ emailVerified: false });
    const flow = await browserFlow(someone.sub);
    expect(flow.code).toBeNull();
    expect(flow.error).toBe("email_unverified");
    expect(await usersWithEmail(someone.email)).toBe(0);

    const existing = await signUp(api);
    const impostor = person({ email: existing.email, emailVerified: false });
    expect((await browserFlow(impostor.sub)).error).toBe("email_unverified");
    const linking = await browserFlow(impostor.sub, { intent: "link" });
    expect(linking.error).toBe("email_unverified");
    const { rows } = await api.sql.query("SELECT 1 FROM linked_identities WHERE user_id = $1", [
      existing.id,
    ]);
    expect(rows).toHaveLength(0);
  });

  it("does not link an existing account by its e-mail alone, even a verified one", async () => {
    const existing = await signUp(api);
    const same = person({ email: existing.email });
    const flow = await browserFlow(same.sub);
    expect(flow.error).toBe("identity_link_required");
    expect(flow.landed.searchParams.get("error_description")).toMatch(/sign in with your password/);
    const { rows } = await api.sql.query("SELECT 1 FROM linked_identities WHERE user_id = $1", [
      existing.id,
    ]);
    expect(rows).toHaveLength(0);
  });

  it("refuses a new account while registration is closed, and a deactivated user", async () => {
    const admin = await signInAdmin(api);
    await admin.client.admin.system.settings.update.mutate({
      featureFlags: { registrationOpen: false },
    });
    try {
      const newcomer = person();
      const flow = await browserFlow(newcomer.sub);
      expect(flow.error).toBe("registration_closed");
      expect(await usersWithEmail(newcomer.email)).toBe(0);
    } finally {
      await admin.client.admin.system.settings.update.mutate({
        featureFlags: { registrationOpen: true },
      });
    }

    const leaver = person();
    const first = await browserFlow(leaver.sub);
    const session = signedIn(
      await api.client().auth.oauth.exchange.mutate({
        code: first.code ?? "",
        codeVerifier: first.verifier,
        redirectUri: APP_REDIRECT,
      }),
    );
    await api.sql.query("UPDATE users SET is_active = false WHERE id = $1", [session.user.id]);
    expect((await browserFlow(leaver.sub)).error).toBe("account_inactive");
  });

  it("answers 400 without redirecting for a redirect URI off the list, a bad challenge or a forged callback", async () => {
    const { challenge } = pkce();
    const ask = (params: Record<string, string>) =>
      fetch(authorizeUrl(params), { redirect: "manual" });
    const good = {
      code_challenge: challenge,
      code_challenge_method: "S256",
      redirect_uri: APP_REDIRECT,
      state: "state-1234",
    };

    for (const params of [
      { ...good, redirect_uri: "fastnext://auth/../evil" },
      { ...good, redirect_uri: "https://evil.example/cb" },
      { ...good, redirect_uri: `${APP_REDIRECT}?x=1` },
      { ...good, code_challenge_method: "plain" },
      { ...good, code_challenge: "too-short" },
      { ...good, state: "" },
    ]) {
      const response = await ask(params);
      expect(response.status).toBe(400);
      expect(response.headers.get("location")).toBeNull();
    }
    expect((await fetch(`${base}/oauth/github/authorize`, { redirect: "manual" })).status).toBe(
      404,
    );

    const started = await ask(good);
    expect(started.status).toBe(302);
    expect(new URL(started.headers.get("location") ?? "").origin).toBe(idp.issuer);
    const state = new URL(started.headers.get("location") ?? "").searchParams.get("state") ?? "";
    const cookie = started.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    expect(started.headers.getSetCookie()[0]).toMatch(/HttpOnly; SameSite=Lax/);

    // Without this browser's cookie, or with another state: nothing goes anywhere.
    const noCookie = await fetch(`${base}/oauth/oidc/callback?code=abc&state=${state}`, {
      redirect: "manual",
    });
    expect(noCookie.status).toBe(400);
    expect(noCookie.headers.get("location")).toBeNull();
    const wrongState = await fetch(`${base}/oauth/oidc/callback?code=abc&state=forged`, {
      redirect: "manual",
      headers: { cookie },
    });
    expect(wrongState.status).toBe(400);
    // The right state with a code the provider never issued: refused back to the app.
    const forgedCode = await fetch(`${base}/oauth/oidc/callback?code=abc&state=${state}`, {
      redirect: "manual",
      headers: { cookie },
    });
    expect(forgedCode.status).toBe(302);
    const back = new URL(forgedCode.headers.get("location") ?? "");
    expect(back.href.startsWith(APP_REDIRECT)).toBe(true);
    expect(back.searchParams.get("error")).toBe("provider_refused");
    expect(back.searchParams.get("code")).toBeNull();
  });
});

describe("linking from a signed-in session and removing identities", () => {
  it("links a provider to the signed-in account, which can then sign in with it", async () => {
    const owner = await signUp(api);
    const identity = person({ email: owner.email });
    const flow = await browserFlow(identity.sub, { intent: "link" });
    expect(flow.error).toBeNull();

    // A link code is not a sign-in code.
    expect(
      (
        await failure(
          api.client().auth.oauth.exchange.mutate({
            code: flow.code ?? "",
            codeVerifier: flow.verifier,
            redirectUri: APP_REDIRECT,
          }),
        )
      ).data,
    ).toMatchObject({ reason: "code_invalid" });

    const second = await browserFlow(identity.sub, { intent: "link" });
    expect(
      (
        await failure(
          api.client().auth.identities.link.mutate({
            code: second.code ?? "",
            codeVerifier: second.verifier,
            redirectUri: APP_REDIRECT,
          }),
        )
      ).data?.code,
    ).toBe("UNAUTHORIZED");

    const third = await browserFlow(identity.sub, { intent: "link" });
    const linked = await owner.client.auth.identities.link.mutate({
      code: third.code ?? "",
      codeVerifier: third.verifier,
      redirectUri: APP_REDIRECT,
    });
    expect(linked).toMatchObject({ provider: "oidc", email: owner.email });
    expect(await owner.client.auth.identities.list.query()).toEqual({
      hasPassword: true,
      identities: [linked],
    });

    const signIn = await browserFlow(identity.sub);
    const session = signedIn(
      await api.client().auth.oauth.exchange.mutate({
        code: signIn.code ?? "",
        codeVerifier: signIn.verifier,
        redirectUri: APP_REDIRECT,
      }),
    );
    expect(session.user.id).toBe(owner.id);

    // The same identity cannot also be linked to someone else.
    const other = await signUp(api);
    const stolen = await browserFlow(identity.sub, { intent: "link" });
    const taken = await failure(
      other.client.auth.identities.link.mutate({
        code: stolen.code ?? "",
        codeVerifier: stolen.verifier,
        redirectUri: APP_REDIRECT,
      }),
    );
    expect(taken.data).toMatchObject({ code: "CONFLICT", reason: "identity_taken" });
    const { rows } = await api.sql.query<{ action: string }>(
      "SELECT action FROM activities WHERE actor_id = $1 AND action LIKE 'identity.%'",
      [owner.id],
    );
    expect(rows.map((row) => row.action)).toEqual(["identity.link"]);
  });

  it("keeps the last way to sign in, removes the others, and hides other users' identities", async () => {
    const someone = person();
    const flow = await browserFlow(someone.sub);
    const session = signedIn(
      await api.client().auth.oauth.exchange.mutate({
        code: flow.code ?? "",
        codeVerifier: flow.verifier,
        redirectUri: APP_REDIRECT,
      }),
    );
    const client = api.client(session.accessToken);
    const methods = await client.auth.identities.list.query();
    expect(methods.hasPassword).toBe(false);
    expect(methods.identities).toHaveLength(1);
    const only = methods.identities[0]?.id ?? "";

    const last = await failure(client.auth.identities.remove.mutate({ id: only }));
    expect(last.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "last_sign_in_method" });
    expect((await client.auth.identities.list.query()).identities).toHaveLength(1);

    // Another user, anonymous callers and bad ids see nothing to remove.
    const stranger = await signUp(api);
    expect(
      (await failure(stranger.client.auth.identities.remove.mutate({ id: only }))).data?.code,
    ).toBe("NOT_FOUND");
    expect((await stranger.client.auth.identities.list.query()).identities).toEqual([]);
    expect(
      (await failure(api.client().auth.identities.remove.mutate({ id: only }))).data?.code,
    ).toBe("UNAUTHORIZED");
    const bad = await failure(client.auth.identities.remove.mutate({ id: "not-a-uuid" }));
    expect(bad.data?.fieldErrors).toHaveProperty("id");

    // With a second identity, the first can go.
    const secondIdentity = person();
    const linkFlow = await browserFlow(secondIdentity.sub, { intent: "link" });
    await client.auth.identities.link.mutate({
      code: linkFlow.code ?? "",
      codeVerifier: linkFlow.verifier,
      redirectUri: APP_REDIRECT,
    });
    await client.auth.identities.remove.mutate({ id: only });
    const after = await client.auth.identities.list.query();
    expect(after.identities.map((identity) => identity.email)).toEqual([secondIdentity.email]);
    const { rows } = await api.sql.query<{ action: string }>(
      "SELECT action FROM activities WHERE actor_id = $1 AND action = 'identity.unlink'",
      [session.user.id],
    );
    expect(rows).toHaveLength(1);

    // A user with a password may remove their only identity.
    const withPassword = await signUp(api);
    const own = person({ email: withPassword.email });
    const ownFlow = await browserFlow(own.sub, { intent: "link" });
    const linked = await withPassword.client.auth.identities.link.mutate({
      code: ownFlow.code ?? "",
      codeVerifier: ownFlow.verifier,
      redirectUri: APP_REDIRECT,
    });
    await withPassword.client.auth.identities.remove.mutate({ id: linked.id });
    expect((await withPassword.client.auth.identities.list.query()).identities).toEqual([]);
  });
});
