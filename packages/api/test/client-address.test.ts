import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { EnvError } from "@fastnext/config";
import { failure, signedIn, startApi, type TestApi } from "@fastnext/test-support";

import { readApiEnv } from "../src/env";
import {
  clientAddress,
  parseTrustedProxies,
  servedOverHttps,
  trustNoProxy,
} from "../src/http/client-address";
import { type AppRouter } from "../src/root";

const forwarded = (value: string) => new Headers({ "x-forwarded-for": value });

describe("the client address", () => {
  it("is the socket peer by default, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.9", forwarded("198.51.100.1"), trustNoProxy)).toBe(
      "203.0.113.9",
    );
    expect(clientAddress(null, forwarded("198.51.100.1"), trustNoProxy)).toBeNull();
  });

  it("walks X-Forwarded-For past trusted hops only", () => {
    const trust = parseTrustedProxies("10.0.0.0/8, 127.0.0.1");
    // Peer trusted, last entry a trusted hop too: the entry before it is the client.
    expect(clientAddress("127.0.0.1", forwarded("198.51.100.1, 10.1.2.3"), trust)).toBe(
      "198.51.100.1",
    );
    // A client prepending its own entry does not get past the first untrusted one.
    expect(clientAddress("127.0.0.1", forwarded("1.1.1.1, 198.51.100.1, 10.1.2.3"), trust)).toBe(
      "198.51.100.1",
    );
    // The peer itself is not trusted: its header is ignored.
    expect(clientAddress("203.0.113.9", forwarded("198.51.100.1"), trust)).toBe("203.0.113.9");
  });

  it("takes a hop count: that many proxies in front, whatever their addresses", () => {
    const oneHop = parseTrustedProxies("1");
    expect(clientAddress("192.0.2.50", forwarded("1.1.1.1, 198.51.100.1"), oneHop)).toBe(
      "198.51.100.1",
    );
    expect(clientAddress("192.0.2.50", new Headers(), oneHop)).toBe("192.0.2.50");
    expect(parseTrustedProxies("0")).toBe(trustNoProxy);
    expect(parseTrustedProxies("")).toBe(trustNoProxy);
  });

  it("knows the named ranges, and refuses entries that are not addresses", () => {
    expect(clientAddress("::1", forwarded("198.51.100.1"), parseTrustedProxies("loopback"))).toBe(
      "198.51.100.1",
    );
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.internal")).toThrow(
      /"proxy\.internal" is not an IP address/,
    );
    expect(() => parseTrustedProxies("10.0.0.0/99")).toThrow(RangeError);
  });

  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    const https = new Headers({ "x-forwarded-proto": "https" });
    const trust = parseTrustedProxies("loopback");
    expect(servedOverHttps(null, "127.0.0.1", https, trust)).toBe(true);
    expect(servedOverHttps(null, "203.0.113.9", https, trust)).toBe(false);
    expect(servedOverHttps(null, "127.0.0.1", https, trustNoProxy)).toBe(false);
    expect(servedOverHttps("https://app.example", null, new Headers(), trustNoProxy)).toBe(true);
  });
});

describe("configuration", () => {
  function problemsOf(source: Record<string, string>): string[] {
    try {
      readApiEnv(source);
    } catch (error) {
      if (error instanceof EnvError)
        return error.problems.map((p) => `${p.variable}: ${p.message}`);
      throw error;
    }
    return [];
  }

  it("refuses a wildcard CORS origin, since allowed origins send credentials", () => {
    expect(problemsOf({ CORS_ORIGINS: "*" })).toEqual([
      expect.stringMatching(/^CORS_ORIGINS: .*wildcard is refused/),
    ]);
    expect(problemsOf({ CORS_ORIGINS: "https://app.example, https://*.example" })).toHaveLength(1);
    expect(
      readApiEnv({ CORS_ORIGINS: "https://app.example, https://admin.example" }).CORS_ORIGINS,
    ).toEqual(["https://app.example", "https://admin.example"]);
  });

  it("refuses a TRUSTED_PROXIES entry that is not an address, naming it", () => {
    expect(problemsOf({ TRUSTED_PROXIES: "loopback, lb.internal" })).toEqual([
      expect.stringMatching(/^TRUSTED_PROXIES: "lb\.internal" is not an IP address/),
    ]);
    expect(readApiEnv({}).TRUSTED_PROXIES).toBe(trustNoProxy);
  });
});

/** A client whose every request carries `headers` (what a forger or a proxy sends). */
function clientSending(api: TestApi, headers: Record<string, string>, accessToken?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: api.url,
        transformer: superjson,
        headers: () => ({
          ...headers,
          ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
        }),
      }),
    ],
  });
}

const credentials = { email: "admin@example.com", password: "admin-password-for-tests" };

/** The address on the caller's session and on the activity entry of a change they make. */
async function recorded(api: TestApi, headers: Record<string, string>, accessToken: string) {
  const client = clientSending(api, headers, accessToken);
  const sessions = await client.auth.sessions.list.query();
  const current = sessions.find((session) => session.current);
  await client.users.updateProfile.mutate({ name: `Admin ${Date.now()}` });
  const activity = await api.sql.query<{ ip: string | null }>(
    "SELECT ip FROM activities WHERE action = 'user.update_profile' ORDER BY created_at DESC LIMIT 1",
  );
  return { session: current?.ip, activity: activity.rows[0]?.ip };
}

describe("over HTTP, with no proxy trusted (the default)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ loginPerIp: 3 });
  }, 60_000);
  afterAll(async () => {
    await api.close();
  });

  it("records the socket address on the session and the activity, not a forged header", async () => {
    const forged = { "x-forwarded-for": "198.51.100.7" };
    const session = signedIn(await clientSending(api, forged).auth.login.mutate(credentials));
    expect(await recorded(api, forged, session.accessToken)).toEqual({
      session: "127.0.0.1",
      activity: "127.0.0.1",
    });
  });

  it("keeps the per-address sign-in limit when each attempt forges a new address", async () => {
    // One attempt was spent above; two more are allowed, then none, whatever the header.
    for (const address of ["198.51.100.1", "198.51.100.2"]) {
      const error = await failure(
        clientSending(api, { "x-forwarded-for": address }).auth.login.mutate({
          email: "x@example.com",
          password: "wrong",
        }),
      );
      expect(error.data?.code).toBe("UNAUTHORIZED");
    }
    const error = await failure(
      clientSending(api, {
        "x-forwarded-for": "198.51.100.3",
        "x-real-ip": "198.51.100.4",
      }).auth.login.mutate(credentials),
    );
    expect(error.data).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "rate_limited" });
  });
});

describe("over HTTP, behind a trusted proxy", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ loginPerIp: 2, trustProxy: parseTrustedProxies("loopback") });
  }, 60_000);
  afterAll(async () => {
    await api.close();
  });

  it("records the address the proxy forwarded", async () => {
    const proxied = { "x-forwarded-for": "198.51.100.7" };
    const session = signedIn(await clientSending(api, proxied).auth.login.mutate(credentials));
    expect(await recorded(api, proxied, session.accessToken)).toEqual({
      session: "198.51.100.7",
      activity: "198.51.100.7",
    });
  });

  it("limits sign-in per forwarded client address", async () => {
    const from = (address: string) => clientSending(api, { "x-forwarded-for": address });
    await failure(
      from("198.51.100.20").auth.login.mutate({ email: "x@example.com", password: "wrong" }),
    );
    await failure(
      from("198.51.100.20").auth.login.mutate({ email: "x@example.com", password: "wrong" }),
    );
    const limited = await failure(
      from("198.51.100.20").auth.login.mutate({ email: "x@example.com", password: "wrong" }),
    );
    expect(limited.data?.code).toBe("TOO_MANY_REQUESTS");
    // Another client behind the same proxy has its own count.
    const other = await failure(
      from("198.51.100.21").auth.login.mutate({ email: "x@example.com", password: "wrong" }),
    );
    expect(other.data?.code).toBe("UNAUTHORIZED");
  });
});
