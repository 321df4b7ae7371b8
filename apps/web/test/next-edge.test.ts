import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type AppRouter } from "@fastnext/api";
import {
  createTestDatabase,
  startTcpProxy,
  type TcpProxy,
  type TestDatabase,
} from "@fastnext/db/testing";

import { startNext, startNextExpectingFailure, type RunningNext } from "./helpers/next-server";

let db: TestDatabase;
let proxy: TcpProxy;
let web: RunningNext;

function viaProxy(url: string): string {
  const parsed = new URL(url);
  parsed.hostname = "127.0.0.1";
  parsed.port = String(proxy.port);
  return parsed.toString();
}

beforeAll(async () => {
  db = await createTestDatabase();
  const target = new URL(db.appUrl);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  web = await startNext({
    DATABASE_URL: viaProxy(db.ownerUrl),
    DATABASE_APP_URL: viaProxy(db.appUrl),
  });
}, 90_000);

afterAll(async () => {
  await web.stop();
  await proxy.close();
  await db.drop();
});

describe("the Next.js edge", () => {
  it("serves system.health through /api/trpc over HTTP, batched", async () => {
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${web.url}/api/trpc`, transformer: superjson })],
    });
    const [a, b] = await Promise.all([client.system.health.query(), client.system.health.query()]);
    expect(a.status).toBe("ok");
    expect(a.time).toBeInstanceOf(Date);
    expect(b.status).toBe("ok");
  });

  it("answers GET and CORS preflight with a request id", async () => {
    const get = await fetch(`${web.url}/api/trpc/system.health`, {
      headers: { "x-request-id": "edge-1" },
    });
    expect(get.status).toBe(200);
    expect(get.headers.get("x-request-id")).toBe("edge-1");
    const preflight = await fetch(`${web.url}/api/trpc/system.health`, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
  });

  it("logs each request with the request id of its response", async () => {
    await fetch(`${web.url}/api/trpc/system.health`, { headers: { "x-request-id": "edge-log-1" } });
    await expect.poll(() => web.output()).toMatch(/"requestId":"edge-log-1".*"msg":"procedure ok"/);
  });

  it("/api/health answers while the process lives", async () => {
    const response = await fetch(`${web.url}/api/health`);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  it("/api/ready turns 503 when the database is unreachable and 200 when it is back", async () => {
    expect((await fetch(`${web.url}/api/ready`)).status).toBe(200);

    await proxy.cut();
    const down = await fetch(`${web.url}/api/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      status: "not_ready",
      reason: "database_unreachable",
    });

    await proxy.restore();
    await expect
      .poll(async () => (await fetch(`${web.url}/api/ready`)).status, { timeout: 15_000 })
      .toBe(200);
  });
});

describe("start-up configuration", () => {
  it("refuses to start with a bad DATABASE_URL and names the variable", async () => {
    const result = await startNextExpectingFailure({ DATABASE_URL: "not a url" });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("DATABASE_URL");
  }, 40_000);
});
