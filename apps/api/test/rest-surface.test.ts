/**
 * The API server's real entry point serves the REST surface beside tRPC:
 * the same operations, document and reference page as the web app.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";
import { freePort, type ChildUnderTest } from "@fastnext/test-support";

import { startApiServer } from "./server";

let db: TestDatabase;
let server: ChildUnderTest;
let base: string;
beforeAll(async () => {
  db = await createTestDatabase();
  const port = await freePort();
  server = await startApiServer(db, port);
  base = `http://127.0.0.1:${port}`;
}, 60_000);
afterAll(async () => {
  server.child.kill("SIGTERM");
  await db.drop();
});

describe("the API server's REST surface", () => {
  it("answers /api/v1 operations, problem details, the document and the reference page", async () => {
    const health = await fetch(`${base}/api/v1/system/health`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { status: string; time: string };
    expect(body.status).toBe("ok");
    expect(new Date(body.time).toISOString()).toBe(body.time);

    const signedOut = await fetch(`${base}/api/v1/users/me`);
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get("content-type")).toBe("application/problem+json");
    expect(await signedOut.json()).toMatchObject({ code: "UNAUTHORIZED", status: 401 });

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "nobody@example.com", password: "not a password at all" }),
    });
    expect(login.status).toBe(401);
    expect(login.headers.get("x-request-id")).toBeTruthy();

    const document = await fetch(`${base}/api/openapi.json`);
    expect(document.status).toBe(200);
    const paths = ((await document.json()) as { paths: Record<string, unknown> }).paths;
    expect(Object.keys(paths)).toContain("/projects/{id}");

    const page = await fetch(`${base}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const bundle = await fetch(`${base}/api/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
  });
});
