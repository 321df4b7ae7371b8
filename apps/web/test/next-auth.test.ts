import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type AppRouter } from "@fastnext/api";
import { createPrismaClient, type PrismaClient } from "@fastnext/db";
import { seedDemoData } from "@fastnext/db/admin";
import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";
import { freePort } from "@fastnext/test-support";

import {
  CookieJar,
  csrf,
  signIn as signInAs,
  type SignInOutcome,
} from "./helpers/next-auth-client";
import { startNext, type RunningNext } from "./helpers/next-server";

// Signs in exactly as a browser does (plain fetch, form posts, cookies), over
// HTTP against the production build, then uses the cookie on /api/trpc.

const ADMIN = { email: "admin@example.com", password: "admin-password-for-tests" };
const LOGIN_PER_ACCOUNT = 10;

let db: TestDatabase;
let sql: PrismaClient;
let web: RunningNext;

/** Signs in to the server under test. */
function signIn(email: string, password: string, jar = new CookieJar()): Promise<SignInOutcome> {
  return signInAs(web.url, email, password, jar);
}

async function signOut(jar: CookieJar): Promise<void> {
  const csrfToken = await csrf(web.url, jar);
  const response = await fetch(`${web.url}/api/auth/signout`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, json: "true", callbackUrl: web.url }),
    redirect: "manual",
  });
  expect(response.status).toBe(200);
  jar.store(response);
}

interface MeResult {
  status: number;
  code: string | undefined;
  data: unknown;
}

/** users.me over GET, the way a browser page fetches it. */
async function me(headers: Record<string, string>): Promise<MeResult> {
  const response = await fetch(`${web.url}/api/trpc/users.me`, { headers });
  const body = (await response.json()) as {
    result?: { data: { json: unknown } };
    error?: { json: { data: { code: string } } };
  };
  return {
    status: response.status,
    code: body.error?.json.data.code,
    data: body.result?.data.json,
  };
}

function trpc(accessToken?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${web.url}/api/trpc`,
        transformer: superjson,
        headers: () => (accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      }),
    ],
  });
}

async function registerUser(name: string) {
  const email = `${name.toLowerCase()}-${Date.now()}@example.com`;
  const password = "correct horse battery staple";
  const { user } = await trpc().auth.register.mutate({ email, name, password });
  return { id: user.id, email, password };
}

/** The user's most recently opened DB session. */
async function latestSession(email: string) {
  const rows = await sql.$queryRaw<
    { id: string; device_label: string; revoked_at: Date | null; revoked_reason: string | null }[]
  >`
    SELECT s.id::text AS id, s.device_label, s.revoked_at, s.revoked_reason
      FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE u.email = ${email}
     ORDER BY s.created_at DESC LIMIT 1`;
  const row = rows[0];
  if (!row) throw new Error(`no session for ${email}`);
  return row;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const owner = createPrismaClient({ connectionString: db.ownerUrl, max: 1 });
  await seedDemoData(owner, { SEED_ADMIN_EMAIL: ADMIN.email, SEED_ADMIN_PASSWORD: ADMIN.password });
  await owner.$disconnect();
  sql = createPrismaClient({ connectionString: db.adminUrl, max: 1 });

  // The URL next-auth redirects to must be known before the server starts.
  const port = await freePort();
  web = await startNext(
    {
      DATABASE_URL: db.ownerUrl,
      DATABASE_APP_URL: db.appUrl,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      AUTH_JWT_SECRET: "access-token-secret-for-tests-only-0123456789",
      AUTH_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      AUTH_LOCK_THRESHOLD: "3",
      AUTH_LOGIN_PER_ACCOUNT: String(LOGIN_PER_ACCOUNT),
      AUTH_LOGIN_PER_IP: "200",
    },
    { port },
  );
}, 90_000);

afterAll(async () => {
  await web.stop();
  await sql.$disconnect();
  await db.drop();
});

describe("next-auth sign-in over HTTP", () => {
  it("signs in with the credentials form; users.me answers from the session cookie alone", async () => {
    const { jar, status, setCookies, error } = await signIn(ADMIN.email, ADMIN.password);
    expect(status).toBe(200);
    expect(error).toBeNull();
    expect(setCookies).toContain("next-auth.session-token");

    const result = await me({ cookie: jar.sessionCookie() });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({
      user: { email: ADMIN.email, isSuperuser: true },
      roles: ["admin"],
    });

    // Without the cookie, the same call is refused.
    expect(await me({})).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
  });

  it("opens a device session in the DB and keeps no token in the cookie", async () => {
    const { jar } = await signIn(ADMIN.email, ADMIN.password);
    const session = (await (
      await fetch(`${web.url}/api/auth/session`, { headers: { cookie: jar.header() } })
    ).json()) as { user: { id: string; email: string } };
    expect(session.user.email).toBe(ADMIN.email);
    expect(session.user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await latestSession(ADMIN.email)).toMatchObject({
      device_label: "Firefox on Linux",
      revoked_at: null,
    });
    // The JWT is encrypted (JWE, five parts), not a readable access token.
    const value = jar.sessionCookie().split("=")[1] ?? "";
    expect(value.split(".")).toHaveLength(5);
    expect(JSON.stringify(session)).not.toMatch(/refresh|accessToken/i);
  });

  it("refuses a wrong password with CredentialsSignin and sets no session cookie", async () => {
    const { jar, status, setCookies, error } = await signIn(ADMIN.email, "not-the-password");
    expect(status).toBe(401);
    expect(error).toBe("CredentialsSignin");
    expect(setCookies.filter((name) => name.includes("session-token"))).toEqual([]);
    expect(await me({ cookie: jar.header() })).toMatchObject({ status: 401, code: "UNAUTHORIZED" });

    // An unknown e-mail is refused the same way.
    expect((await signIn("nobody-here@example.com", "whatever-password")).error).toBe(
      "CredentialsSignin",
    );
  });

  it("resolves the same principal from the cookie as from a Bearer token of auth.login", async () => {
    const { jar } = await signIn(ADMIN.email, ADMIN.password);
    const login = await trpc().auth.login.mutate(ADMIN);
    if (login.status !== "signed_in") throw new Error("the seeded admin has no second factor");
    const { accessToken } = login;

    const fromCookie = await me({ cookie: jar.sessionCookie() });
    const fromBearer = await me({ authorization: `Bearer ${accessToken}` });
    expect(fromCookie.status).toBe(200);
    expect(fromBearer.status).toBe(200);
    expect(fromCookie.data).toEqual(fromBearer.data);
  });

  it("signing out revokes the DB session: the old cookie replayed is UNAUTHORIZED", async () => {
    const { jar } = await signIn(ADMIN.email, ADMIN.password);
    const { id: sessionId } = await latestSession(ADMIN.email);
    const replay = jar.sessionCookie();
    expect((await me({ cookie: replay })).status).toBe(200);

    await signOut(jar);
    expect(jar.cookies.has("next-auth.session-token")).toBe(false);

    expect(await me({ cookie: replay })).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    const rows = await sql.$queryRaw<{ revoked_reason: string | null }[]>`
      SELECT revoked_reason FROM sessions WHERE id = ${sessionId}::uuid AND revoked_at IS NOT NULL`;
    expect(rows[0]?.revoked_reason).toBe("logout");
  });

  it("a session revoked in the DB refuses its cookie at the next request", async () => {
    const { jar } = await signIn(ADMIN.email, ADMIN.password);
    const { id: sessionId } = await latestSession(ADMIN.email);
    const cookie = jar.sessionCookie();
    expect((await me({ cookie })).status).toBe(200);

    await sql.$executeRaw`UPDATE sessions SET revoked_at = now() WHERE id = ${sessionId}::uuid`;
    expect(await me({ cookie })).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
  });

  it("a deactivated user's cookie is UNAUTHORIZED, and signing in again is refused as AccountInactive", async () => {
    const user = await registerUser("Dora");
    const { jar } = await signIn(user.email, user.password);
    const cookie = jar.sessionCookie();
    expect(await me({ cookie })).toMatchObject({ status: 200, data: { user: { id: user.id } } });

    await sql.$executeRaw`UPDATE users SET is_active = false WHERE id = ${user.id}::uuid`;
    expect(await me({ cookie })).toMatchObject({ status: 401, code: "UNAUTHORIZED" });

    const again = await signIn(user.email, user.password);
    expect(again).toMatchObject({ status: 401, error: "AccountInactive" });
    expect(again.setCookies.filter((name) => name.includes("session-token"))).toEqual([]);
  });

  it("a locked account is refused as AccountLocked", async () => {
    const user = await registerUser("Luke");
    expect((await signIn(user.email, "wrong-password-1")).error).toBe("CredentialsSignin");
    expect((await signIn(user.email, "wrong-password-2")).error).toBe("CredentialsSignin");
    // The third wrong password in a row locks the account (AUTH_LOCK_THRESHOLD=3) ...
    expect((await signIn(user.email, "wrong-password-3")).error).toBe("AccountLocked");
    // ... and then even the right one is refused until the lock ends.
    const locked = await signIn(user.email, user.password);
    expect(locked).toMatchObject({ status: 401, error: "AccountLocked" });
    expect(locked.setCookies.filter((name) => name.includes("session-token"))).toEqual([]);
  });

  it("too many attempts for an account are refused as RateLimited", async () => {
    const email = `limited-${Date.now()}@example.com`;
    for (let attempt = 0; attempt < LOGIN_PER_ACCOUNT; attempt += 1) {
      expect((await signIn(email, "some-password")).error).toBe("CredentialsSignin");
    }
    expect(await signIn(email, "some-password")).toMatchObject({
      status: 401,
      error: "RateLimited",
    });
  });

  it("passes refusal codes on to the sign-in page", async () => {
    for (const code of ["RateLimited", "AccountLocked", "CredentialsSignin"]) {
      const response = await fetch(`${web.url}/api/auth/error?error=${code}`, {
        redirect: "manual",
      });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get("location") ?? "", web.url);
      expect(location.pathname).toBe("/api/auth/signin");
      expect(location.searchParams.get("error")).toBe(code);
    }
    const page = await fetch(`${web.url}/api/auth/signin?error=CredentialsSignin`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="password"');
  });

  it("ignores a forged or foreign session cookie", async () => {
    expect(await me({ cookie: "next-auth.session-token=not-a-jwe" })).toMatchObject({
      status: 401,
    });
    expect(await me({ cookie: "__Secure-next-auth.session-token=a.b.c.d.e" })).toMatchObject({
      status: 401,
    });
  });
});
