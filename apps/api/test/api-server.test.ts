import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type AppRouter } from "@fastnext/api";
import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";
import { freePort, spawnEntryPoint } from "@fastnext/test-support";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const API_SECURITY_HEADERS = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": expect.stringContaining("camera=()"),
};

function securityHeadersOf(response: Response) {
  return Object.fromEntries(
    Object.keys(API_SECURITY_HEADERS).map((name) => [name, response.headers.get(name)]),
  );
}

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
      AUTH_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      NEXTAUTH_SECRET: "unused-by-the-api-server-but-harmless-here",
    });
    await expect.poll(server.output, { timeout: 20_000 }).toContain('"msg":"api server listening"');
    const base = `http://127.0.0.1:${port}`;

    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${base}/trpc`, transformer: superjson })],
    });
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

    // Security headers on every answer; HSTS not over plain http, whatever a caller claims.
    for (const route of ["/trpc/system.health", "/trpc/users.me", "/health", "/elsewhere"]) {
      const response = await fetch(`${base}${route}`, {
        headers: { "x-forwarded-proto": "https" },
      });
      expect(securityHeadersOf(response), route).toEqual(API_SECURITY_HEADERS);
      expect(response.headers.get("strict-transport-security"), route).toBeNull();
    }

    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"api server stopped"');
  });

  it("sends HSTS when a trusted proxy says the client came over https", async () => {
    const port = await freePort();
    const server = start({
      DATABASE_URL: db.ownerUrl,
      DATABASE_APP_URL: db.appUrl,
      API_PORT: String(port),
      AUTH_JWT_SECRET: "test-secret-that-is-long-enough-for-hs256-keys",
      AUTH_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      TRUSTED_PROXIES: "loopback",
    });
    try {
      await expect
        .poll(server.output, { timeout: 20_000 })
        .toContain('"msg":"api server listening"');
      const viaTls = await fetch(`http://127.0.0.1:${port}/trpc/system.health`, {
        headers: { "x-forwarded-proto": "https" },
      });
      expect(viaTls.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
      expect(securityHeadersOf(viaTls)).toEqual(API_SECURITY_HEADERS);
      const plain = await fetch(`http://127.0.0.1:${port}/trpc/system.health`);
      expect(plain.headers.get("strict-transport-security")).toBeNull();
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });

  it("refuses to start with a wildcard CORS origin and says why", async () => {
    const server = start({ DATABASE_URL: db.ownerUrl, CORS_ORIGINS: "*" });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/CORS_ORIGINS: .*wildcard is refused/);
  });

  it("refuses to start with a bad port and names the variable", async () => {
    const server = start({ DATABASE_URL: db.ownerUrl, API_PORT: "eighty" });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain("API_PORT");
  });
});
