import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { signAccessToken } from "@fastnext/auth";
import {
  failure,
  signedIn as expectSignedIn,
  signUp,
  startApi,
  type TestApi,
} from "@fastnext/test-support";

import {
  createFastnextClient,
  memoryTokenStore,
  signIn,
  signOut,
  type FastnextClientOptions,
  type TokenStore,
} from "../src";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

/** The global fetch, after `inspect` has seen (and may refuse) each request's URL. */
function wrapFetch(inspect: (url: string) => unknown): typeof fetch {
  return async (input, init) => {
    await inspect(input instanceof Request ? input.url : input.toString());
    return fetch(input, init);
  };
}

interface SetupOptions extends Partial<FastnextClientOptions> {
  /** Sees each request's URL after it is counted; the request waits for what it returns. */
  inspect?: (url: string) => unknown;
}

/** A client over real HTTP whose fetch counts the refresh requests it sends. */
function setup({ inspect, ...options }: SetupOptions = {}) {
  const tokens = options.tokens ?? memoryTokenStore();
  const refreshes: string[] = [];
  const onSessionExpired = vi.fn();
  const client = createFastnextClient({
    url: api.url,
    tokens,
    onSessionExpired,
    fetch: wrapFetch((url) => {
      if (url.includes("auth.refresh")) refreshes.push(url);
      return inspect?.(url);
    }),
    ...options,
  });
  return { client, tokens, refreshes, onSessionExpired };
}

/** Claims of a JWT, read without checking it (the test only needs the ids). */
function claims(token: string): { sub: string; sid: string } {
  const payload = token.split(".")[1]!;
  return JSON.parse(Buffer.from(payload, "base64url").toString()) as { sub: string; sid: string };
}

/** Swaps the stored access token for one of the same session that expired an hour ago. */
async function expireAccessToken(tokens: TokenStore) {
  const stored = (await tokens.get())!;
  const { sub, sid } = claims(stored.accessToken);
  const expired = await signAccessToken(
    { userId: sub, sessionId: sid },
    api.deps.tokens,
    new Date(Date.now() - 60 * 60 * 1000),
  );
  await tokens.set({ accessToken: expired.token, refreshToken: stored.refreshToken });
  return { ...stored, expiredAccessToken: expired.token };
}

async function signedIn(options: SetupOptions = {}) {
  const user = await signUp(api);
  const setupResult = setup(options);
  const session = expectSignedIn(
    await signIn(setupResult.client, setupResult.tokens, {
      email: user.email,
      password: user.password,
    }),
  );
  return { ...setupResult, user, session };
}

describe("signIn and signOut", () => {
  it("stores the tokens on sign-in and signs calls with them", async () => {
    const { client, tokens, user, session } = await signedIn();
    expect(session.user.id).toBe(user.id);
    expect(await tokens.get()).toEqual({
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
    });
    expect((await client.users.me.query()).user.id).toBe(user.id);
  });

  it("signOut ends the session on the server and clears the store", async () => {
    const { client, tokens, session, refreshes } = await signedIn();
    await signOut(client, tokens);
    expect(await tokens.get()).toBeNull();
    const reuse = await failure(
      api.client().auth.refresh.mutate({ refreshToken: session.refreshToken }),
    );
    expect(reuse.data?.code).toBe("UNAUTHORIZED");
    expect((await failure(api.client(session.accessToken).users.me.query())).data?.code).toBe(
      "UNAUTHORIZED",
    );
    expect(refreshes).toHaveLength(0);
  });
});

describe("refreshing an expired access token", () => {
  it("refreshes once, retries the call and stores the rotated pair", async () => {
    const { client, tokens, refreshes, onSessionExpired, user } = await signedIn();
    const before = await expireAccessToken(tokens);
    expect(
      (await failure(api.client(before.expiredAccessToken).users.me.query())).data,
    ).toMatchObject({
      code: "UNAUTHORIZED",
      reason: "token_expired",
    });

    const me = await client.users.me.query();
    expect(me.user.id).toBe(user.id);
    expect(refreshes).toHaveLength(1);
    expect(onSessionExpired).not.toHaveBeenCalled();

    const after = (await tokens.get())!;
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken).not.toBe(before.expiredAccessToken);
    // The new pair is the live one: calls go through without another refresh.
    expect((await client.auth.sessions.list.query()).filter((s) => s.current)).toHaveLength(1);
    expect(refreshes).toHaveLength(1);
  });

  for (const batch of [true, false]) {
    it(`shares one refresh between concurrent failures (${batch ? "batched" : "one request per call"})`, async () => {
      const { client, tokens, refreshes, user } = await signedIn({ batch });
      const before = await expireAccessToken(tokens);

      const [me, sessions, again] = await Promise.all([
        client.users.me.query(),
        client.auth.sessions.list.query(),
        client.users.me.query(),
      ]);
      expect(me.user.id).toBe(user.id);
      expect(again.user.id).toBe(user.id);
      // signUp's own session and this client's; the refresh kept this one current.
      expect(sessions.filter((s) => s.current)).toHaveLength(1);
      expect(refreshes).toHaveLength(1);
      expect((await tokens.get())?.refreshToken).not.toBe(before.refreshToken);
    });
  }

  it("retries without refreshing when the token was renewed after the call went out", async () => {
    // A store that announces the next write once armed.
    const inner = memoryTokenStore();
    let armed = false;
    let announce = () => {};
    const renewed = new Promise<void>((resolve) => (announce = resolve));
    const tokens: TokenStore = {
      get: () => inner.get(),
      set: async (pair) => {
        await inner.set(pair);
        if (armed) announce();
      },
      clear: () => inner.clear(),
    };
    // sessions.list's first request (signed with the expired token) is held back until the refresh is stored.
    let heldBack = false;
    const { client, refreshes } = await signedIn({
      tokens,
      batch: false,
      inspect: async (url) => {
        if (armed && url.includes("auth.sessions.list") && !heldBack) {
          heldBack = true;
          await renewed;
        }
      },
    });
    const before = await expireAccessToken(tokens);
    armed = true;

    const [me, sessions] = await Promise.all([
      client.users.me.query(),
      client.auth.sessions.list.query(),
    ]);
    expect(heldBack).toBe(true);
    expect(me.user.id).toBeDefined();
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(refreshes).toHaveLength(1);
    expect((await tokens.get())?.refreshToken).not.toBe(before.refreshToken);
  });
});

describe("a session that cannot be refreshed", () => {
  it("surfaces UNAUTHORIZED, clears the store and reports the expiry once", async () => {
    const { client, tokens, refreshes, onSessionExpired, user } = await signedIn();
    // Another device of the same user signs every session out.
    const other = await signUpClientFor(user.email, user.password);
    await other.auth.logoutAll.mutate();

    const [first, second] = await Promise.all([
      failure(client.users.me.query()),
      failure(client.auth.sessions.list.query()),
    ]);
    expect(first.data).toMatchObject({ code: "UNAUTHORIZED", reason: "session_ended" });
    expect(second.data?.code).toBe("UNAUTHORIZED");
    expect(refreshes).toHaveLength(1);
    expect(await tokens.get()).toBeNull();
    expect(onSessionExpired).toHaveBeenCalledTimes(1);

    // Signed out now: later calls fail without trying to refresh again.
    expect((await failure(client.users.me.query())).data).toMatchObject({
      code: "UNAUTHORIZED",
      reason: "not_signed_in",
    });
    expect(refreshes).toHaveLength(1);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it("keeps the tokens when the refresh fails for a reason other than refusal", async () => {
    const { tokens, user, session } = await signedIn();
    await expireAccessToken(tokens);
    const stored = await tokens.get();
    const onSessionExpired = vi.fn();
    const offline = createFastnextClient({
      url: api.url,
      tokens,
      onSessionExpired,
      fetch: wrapFetch((url) => {
        if (url.includes("auth.refresh")) throw new TypeError("network down");
      }),
    });
    const error = await failure(offline.users.me.query());
    expect(error.message).toContain("network down");
    expect(await tokens.get()).toEqual(stored);
    expect(onSessionExpired).not.toHaveBeenCalled();
    expect(session.user.id).toBe(user.id);
  });

  it("does not refresh for a call made without any session", async () => {
    const { client, refreshes, onSessionExpired } = setup();
    expect((await failure(client.users.me.query())).data).toMatchObject({
      code: "UNAUTHORIZED",
      reason: "not_signed_in",
    });
    expect(refreshes).toHaveLength(0);
    expect(onSessionExpired).not.toHaveBeenCalled();
  });
});

describe("auth calls never refresh", () => {
  it("a wrong password fails with UNAUTHORIZED and leaves the stored session alone", async () => {
    const { client, tokens, refreshes, onSessionExpired, user } = await signedIn();
    const before = await expireAccessToken(tokens);
    const stored = await tokens.get();

    const wrong = await failure(
      signIn(client, tokens, { email: user.email, password: "not the password" }),
    );
    expect(wrong.data).toMatchObject({ code: "UNAUTHORIZED", reason: "invalid_credentials" });
    expect(refreshes).toHaveLength(0);
    expect(onSessionExpired).not.toHaveBeenCalled();
    expect(await tokens.get()).toEqual(stored);

    // The stored refresh token was not spent: it still refreshes.
    await client.users.me.query();
    expect(refreshes).toHaveLength(1);
    expect((await tokens.get())?.refreshToken).not.toBe(before.refreshToken);
  });
});

async function signUpClientFor(email: string, password: string) {
  const session = expectSignedIn(await api.client().auth.login.mutate({ email, password }));
  return api.client(session.accessToken);
}
