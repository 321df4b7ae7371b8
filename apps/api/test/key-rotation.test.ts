import { randomBytes } from "node:crypto";

import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type AppRouter } from "@fastnext/api";
import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";
import { freePort, type ChildUnderTest } from "@fastnext/test-support";

import { startApiServer } from "./server";

const OLD_SECRET = randomBytes(32).toString("base64url");
const NEW_SECRET = randomBytes(32).toString("base64url");

let db: TestDatabase;
let server: ChildUnderTest | undefined;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await server?.stop();
  await db.drop();
});

/** The real server, started afresh with this signing key set (the single-key variable unset). */
async function restartWith(keySet: string): Promise<string> {
  await server?.stop();
  const port = await freePort();
  server = await startApiServer(db, port, { AUTH_JWT_SECRET: "", AUTH_JWT_SECRETS: keySet });
  return `http://127.0.0.1:${port}/trpc`;
}

function client(url: string, accessToken?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url,
        transformer: superjson,
        headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
      }),
    ],
  });
}

async function signIn(url: string, credentials: { email: string; password: string }) {
  const result = await client(url).auth.login.mutate(credentials);
  if (result.status !== "signed_in")
    throw new Error(`expected to be signed in, got ${result.status}`);
  return result;
}

describe("the API server after its signing keys change", () => {
  it("accepts a token under a key it still lists and refuses it once the key is removed", async () => {
    // Mid-rotation: the new key listed, the old one still signing.
    let url = await restartWith(`old:${OLD_SECRET},new:${NEW_SECRET}`);
    const credentials = { email: "rotation@example.com", password: "correct horse battery" };
    await client(url).auth.register.mutate({ ...credentials, name: "Rotation" });
    const underOld = await signIn(url, credentials);

    // A restart with the old key removed: its token is refused, the session is not.
    url = await restartWith(`new:${NEW_SECRET}`);
    const refused = await client(url, underOld.accessToken)
      .users.me.query()
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCClientError);
    expect((refused as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
    const refreshed = await client(url).auth.refresh.mutate({
      refreshToken: underOld.refreshToken,
    });
    expect((await client(url, refreshed.accessToken).users.me.query()).user.email).toBe(
      credentials.email,
    );
  });
});
