import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { memoryTokenStore, type TokenStore } from "@fastnext/client";
import { failure, freePort, signUp, startApi, type TestApi } from "@fastnext/test-support";

import { createMobileClient } from "../../src/data/api-client";
import {
  completeTwoFactor,
  registerAccount,
  requestPasswordReset,
  signInWithPassword,
} from "../../src/data/auth";
import { describeProblem } from "../../src/data/errors";
import { MobileSession } from "../../src/data/session";
import { secureTokenStore, type SecureStorage } from "../../src/data/token-storage";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

/** The phone's session over real HTTP: the base URL is the API server's origin, as EXPO_PUBLIC_API_URL is. */
function phone(tokens: TokenStore = memoryTokenStore(), baseUrl = api.origin) {
  let expired = 0;
  const session = new MobileSession({
    tokens,
    connect: (onSessionExpired) =>
      createMobileClient({
        baseUrl,
        tokens,
        onSessionExpired: () => {
          expired += 1;
          onSessionExpired();
        },
        retries: 0,
      }),
  });
  return { session, tokens, expired: () => expired };
}

describe("the phone's data layer against the API server", () => {
  it("registers, signs in, reads with the stored tokens and signs out for good", async () => {
    const { session, tokens } = phone();
    const email = `phone-${Date.now()}@example.com`;
    const result = await registerAccount(session.client, tokens, {
      name: "Ada",
      email,
      password: "correct horse battery",
      deviceLabel: "FastNext on Android",
    });
    expect(result.status).toBe("signed_in");
    session.signedIn();
    const { user } = await session.client.users.me.query();
    expect(user.email).toBe(email);
    const devices = await session.client.auth.sessions.list.query();
    expect(devices.find((device) => device.current)?.deviceLabel).toBe("FastNext on Android");

    const refreshToken = (await tokens.get())?.refreshToken ?? "";
    let forgotten = 0;
    session.onForget(() => (forgotten += 1));
    expect(await session.signOut()).toEqual({ reachedServer: true });
    expect(await tokens.get()).toBeNull();
    expect(forgotten).toBe(1);
    expect(session.status).toBe("signed_out");
    const reuse = await failure(api.client().auth.refresh.mutate({ refreshToken }));
    expect(reuse.data?.code).toBe("UNAUTHORIZED");
  });

  it("signs in with the two-factor step, refusing a wrong code on its field", async () => {
    const someone = await signUp(api, "Grace");
    const { secret } = await someone.client.users.security.twoFactor.setup.mutate();
    const { backupCodes } = await someone.client.users.security.twoFactor.confirm.mutate({
      code: await generate({ secret }),
    });

    const { session, tokens } = phone();
    const first = await signInWithPassword(session.client, tokens, {
      email: someone.email,
      password: someone.password,
    });
    if (first.status !== "two_factor_required") throw new Error("expected the two-factor step");
    expect(await tokens.get()).toBeNull();

    const right = await generate({ secret });
    const wrong = right === "000000" ? "111111" : "000000";
    const refused = describeProblem(
      await completeTwoFactor(session.client, tokens, {
        challengeToken: first.challengeToken,
        code: wrong,
      }).then(
        () => null,
        (error: unknown) => error,
      ),
    );
    expect(refused).toMatchObject({
      code: "UNAUTHORIZED",
      reason: "invalid_code",
      notSent: false,
      fieldErrors: { code: ["The code is not correct"] },
    });
    expect(await tokens.get()).toBeNull();

    // The authenticator's current code was spent on the enrolment: a backup code completes it.
    await completeTwoFactor(session.client, tokens, {
      challengeToken: first.challengeToken,
      code: backupCodes[0] ?? "",
    });
    expect((await session.client.users.me.query()).user.id).toBe(someone.id);
  });

  it("refuses a wrong password with the server's sentence and stores nothing", async () => {
    const someone = await signUp(api);
    const { session, tokens } = phone();
    const error = await failure(
      signInWithPassword(session.client, tokens, {
        email: someone.email,
        password: "wrong password!",
      }),
    );
    expect(describeProblem(error)).toMatchObject({ code: "UNAUTHORIZED", notSent: false });
    expect(await tokens.get()).toBeNull();
  });

  it("asks for a password reset e-mail", async () => {
    const { session } = phone();
    await expect(
      requestPasswordReset(session.client, "nobody@example.com"),
    ).resolves.toBeUndefined();
  });

  it("says a call was not sent when nothing answers, and signs out on the phone anyway", async () => {
    const someone = await signUp(api);
    const tokens = memoryTokenStore({
      accessToken: someone.accessToken,
      refreshToken: someone.refreshToken,
    });
    const { session } = phone(tokens, `http://127.0.0.1:${await freePort()}`);
    const lost = await failure(session.client.users.me.query());
    expect(describeProblem(lost)).toMatchObject({ notSent: true, code: null });
    expect(await session.signOut()).toEqual({ reachedServer: false });
    expect(await tokens.get()).toBeNull();
  });
});

describe("tokens in secure storage", () => {
  function storage() {
    const items = new Map<string, string>();
    const device: SecureStorage = {
      getItemAsync: (key) => Promise.resolve(items.get(key) ?? null),
      setItemAsync: (key, value) => Promise.resolve(void items.set(key, value)),
      deleteItemAsync: (key) => Promise.resolve(void items.delete(key)),
    };
    return { items, device };
  }

  it("keeps the pair under one key and forgets it on clear", async () => {
    const { items, device } = storage();
    const tokens = secureTokenStore(device);
    await tokens.set({ accessToken: "a", refreshToken: "r" });
    expect(await tokens.get()).toEqual({ accessToken: "a", refreshToken: "r" });
    expect(items.size).toBe(1);
    await tokens.clear();
    expect(await tokens.get()).toBeNull();
    expect(items.size).toBe(0);
  });

  it("treats a damaged entry as signed out and removes it", async () => {
    const { items, device } = storage();
    items.set("fastnext.session", '{"accessToken":');
    expect(await secureTokenStore(device).get()).toBeNull();
    expect(items.size).toBe(0);
    items.set("fastnext.session", JSON.stringify({ accessToken: "" }));
    expect(await secureTokenStore(device).get()).toBeNull();
    expect(items.size).toBe(0);
  });
});
