import path from "node:path";
import { fileURLToPath } from "node:url";

import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type AppRouter } from "@fastnext/api";
import { freePort, spawnEntryPoint } from "@fastnext/api/testing";
import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

function start(env: Record<string, string>) {
  return spawnEntryPoint("src/main.ts", {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", LOG_FORMAT: "json", ...env },
  });
}

describe("the standalone API server", () => {
  it("serves the router, health and readiness, and stops cleanly", async () => {
    const port = await freePort();
    const server = start({
      DATABASE_URL: db.ownerUrl,
      DATABASE_APP_URL: db.appUrl,
      API_PORT: String(port),
      AUTH_JWT_SECRET: "test-secret-that-is-long-enough-for-hs256-keys",
      NEXTAUTH_SECRET: "unused-by-the-api-server-but-harmless-here",
    });
    await expect.poll(server.output, { timeout: 20_000 }).toContain('"msg":"api server listening"');
    const base = `http://127.0.0.1:${port}`;

    const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${base}/trpc`, transformer: superjson })] });
    expect((await client.system.health.query()).status).toBe("ok");
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    // No worker runs here: reported beside readiness, which it does not fail.
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", worker: "missing" });
    const worker = await fetch(`${base}/health/worker`);
    expect(worker.status).toBe(503);
    expect(await worker.json()).toMatchObject({ status: "missing", lastBeatAt: null });
    const unauthenticated = await fetch(`${base}/trpc/users.me`);
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get("x-request-id")).toBeTruthy();
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);

    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"api server stopped"');
  });

  it("refuses to start with a bad port and names the variable", async () => {
    const server = start({ DATABASE_URL: db.ownerUrl, API_PORT: "eighty" });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain("API_PORT");
  });
});
