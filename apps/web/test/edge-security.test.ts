import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPrismaClient, type PrismaClient } from "@fastnext/db";
import { seedDemoData } from "@fastnext/db/admin";
import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";
import { freePort } from "@fastnext/test-support";

import { signIn } from "./helpers/next-auth-client";
import { startNext, type RunningNext } from "./helpers/next-server";

// The web app's edge over HTTP against the production build: which address
// it records for a client, and the security headers of pages, API routes
// and static files.

const ADMIN = { email: "admin@example.com", password: "admin-password-for-tests" };
/** What a forger sends: a made-up client address, a made-up proxy, even a made-up peer stamp. */
const FORGED = {
  "x-forwarded-for": "198.51.100.7",
  "x-real-ip": "198.51.100.8",
  "x-fastnext-peer": "guess 198.51.100.9",
  "x-forwarded-proto": "https",
};

let db: TestDatabase;
let sql: PrismaClient;

async function startWeb(env: Record<string, string>): Promise<RunningNext> {
  const port = await freePort();
  return startNext(
    {
      DATABASE_URL: db.ownerUrl,
      DATABASE_APP_URL: db.appUrl,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      AUTH_JWT_SECRET: "access-token-secret-for-tests-only-0123456789",
      AUTH_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      ...env,
    },
    { port },
  );
}

/** The address on the user's newest session, and on their newest activity entry. */
async function recordedAddresses(
  web: RunningNext,
  cookie: string,
  headers: Record<string, string>,
) {
  const response = await fetch(`${web.url}/api/trpc/users.updateProfile`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, ...headers },
    body: JSON.stringify({ json: { name: `Admin ${Date.now()}` } }),
  });
  expect(response.status).toBe(200);
  const [session] = await sql.$queryRaw<{ ip: string | null }[]>`
    SELECT s.ip FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE u.email = ${ADMIN.email} ORDER BY s.created_at DESC LIMIT 1`;
  const [activity] = await sql.$queryRaw<{ ip: string | null }[]>`
    SELECT ip FROM activities WHERE action = 'user.update_profile' ORDER BY created_at DESC LIMIT 1`;
  return { session: session?.ip, activity: activity?.ip };
}

const FIXED_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": expect.stringContaining("camera=()"),
};

function fixedHeadersOf(response: Response) {
  return Object.fromEntries(
    Object.keys(FIXED_HEADERS).map((name) => [name, response.headers.get(name)]),
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  const owner = createPrismaClient({ connectionString: db.ownerUrl, max: 1 });
  await seedDemoData(owner, { SEED_ADMIN_EMAIL: ADMIN.email, SEED_ADMIN_PASSWORD: ADMIN.password });
  await owner.$disconnect();
  sql = createPrismaClient({ connectionString: db.adminUrl, max: 1 });
}, 60_000);

afterAll(async () => {
  await sql.$disconnect();
  await db.drop();
});

describe("with no proxy trusted (the default)", () => {
  let web: RunningNext;
  beforeAll(async () => {
    web = await startWeb({ AUTH_LOGIN_PER_IP: "3" });
  }, 90_000);
  afterAll(async () => {
    await web.stop();
  });

  it("records the socket address on the session and the activity, whatever the headers say", async () => {
    const { jar, error } = await signIn(web.url, ADMIN.email, ADMIN.password, undefined, FORGED);
    expect(error).toBeNull();
    expect(await recordedAddresses(web, jar.sessionCookie(), FORGED)).toEqual({
      session: "127.0.0.1",
      activity: "127.0.0.1",
    });
  });

  it("keeps the per-address sign-in limit when each attempt forges a new address", async () => {
    // One attempt was spent above; two more are allowed, then none.
    for (const address of ["198.51.100.1", "198.51.100.2"]) {
      const outcome = await signIn(web.url, ADMIN.email, "wrong-password", undefined, {
        "x-forwarded-for": address,
      });
      expect(outcome.error).toBe("CredentialsSignin");
    }
    const limited = await signIn(web.url, ADMIN.email, ADMIN.password, undefined, {
      ...FORGED,
      "x-forwarded-for": "198.51.100.3",
    });
    expect(limited.error).toBe("RateLimited");
  });

  it("sends a page a nonce-based policy that its scripts carry, and the fixed headers", async () => {
    const response = await fetch(`${web.url}/sign-in`, { headers: FORGED });
    expect(response.status).toBe(200);
    const policy = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("unsafe-eval");
    expect(fixedHeadersOf(response)).toEqual(FIXED_HEADERS);
    // Over http, and no trusted proxy vouches for https: no HSTS.
    expect(response.headers.get("strict-transport-security")).toBeNull();

    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    // A fresh nonce for every response.
    const again = await fetch(`${web.url}/sign-in`);
    expect(again.headers.get("content-security-policy")).not.toContain(`'nonce-${nonce}'`);

    // The build's static files carry the fixed headers too.
    const asset = /(?:src|href)="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const file = await fetch(`${web.url}${asset}`);
    expect(file.status).toBe(200);
    expect(fixedHeadersOf(file)).toEqual(FIXED_HEADERS);
  });

  it("sends API routes the policy that allows nothing, and the fixed headers", async () => {
    for (const route of [
      "/api/trpc/system.health",
      "/api/trpc/users.me",
      "/api/health",
      "/api/auth/csrf",
    ]) {
      const response = await fetch(`${web.url}${route}`, { headers: FORGED });
      expect(response.headers.get("content-security-policy"), route).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(fixedHeadersOf(response), route).toEqual(FIXED_HEADERS);
      expect(response.headers.get("strict-transport-security"), route).toBeNull();
    }
  });
});

describe("behind a trusted proxy", () => {
  let web: RunningNext;
  beforeAll(async () => {
    web = await startWeb({ TRUSTED_PROXIES: "loopback", AUTH_LOGIN_PER_IP: "2" });
  }, 90_000);
  afterAll(async () => {
    await web.stop();
  });

  it("records the address the proxy forwarded, and limits sign-in per forwarded address", async () => {
    const proxied = { "x-forwarded-for": "198.51.100.7" };
    const { jar, error } = await signIn(web.url, ADMIN.email, ADMIN.password, undefined, proxied);
    expect(error).toBeNull();
    expect(await recordedAddresses(web, jar.sessionCookie(), proxied)).toEqual({
      session: "198.51.100.7",
      activity: "198.51.100.7",
    });

    const from = (address: string) => ({ "x-forwarded-for": address });
    expect(
      (await signIn(web.url, ADMIN.email, "wrong-password", undefined, from("198.51.100.20")))
        .error,
    ).toBe("CredentialsSignin");
    expect(
      (await signIn(web.url, ADMIN.email, "wrong-password", undefined, from("198.51.100.20")))
        .error,
    ).toBe("CredentialsSignin");
    expect(
      (await signIn(web.url, ADMIN.email, "wrong-password", undefined, from("198.51.100.20")))
        .error,
    ).toBe("RateLimited");
    expect(
      (await signIn(web.url, ADMIN.email, ADMIN.password, undefined, from("198.51.100.21"))).error,
    ).toBeNull();
  });

  it("sends HSTS when the proxy says the client came over https", async () => {
    const viaTls = await fetch(`${web.url}/sign-in`, { headers: { "x-forwarded-proto": "https" } });
    expect(viaTls.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    for (const route of ["/api/health", "/api/trpc/system.health"]) {
      const api = await fetch(`${web.url}${route}`, { headers: { "x-forwarded-proto": "https" } });
      expect(api.headers.get("strict-transport-security"), route).toMatch(/^max-age=\d+/);
    }
    const plain = await fetch(`${web.url}/sign-in`);
    expect(plain.headers.get("strict-transport-security")).toBeNull();
  });
});
