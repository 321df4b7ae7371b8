import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";
import { freePort, spawnEntryPoint } from "@fastnext/test-support";

import { appDir, startApiServer } from "./server";

const TOKEN = "api-metrics-token-for-tests-0001";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

async function withServer(
  env: Record<string, string>,
  check: (base: string, output: () => string) => Promise<void>,
) {
  const port = await freePort();
  const server = await startApiServer(db, port, env);
  try {
    await check(`http://127.0.0.1:${port}`, server.output);
  } finally {
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  }
}

const scrape = (url: string, token?: string) =>
  fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe("the API server's /metrics", () => {
  it("refuses without its token or with a wrong one, and serves the calls it counted", async () => {
    await withServer({ METRICS_TOKEN: TOKEN }, async (base, output) => {
      expect(output()).toContain("metrics served behind METRICS_TOKEN");
      const bare = await scrape(`${base}/metrics`);
      expect(bare.status).toBe(401);
      expect(bare.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await bare.text()).not.toContain("fastnext_");
      expect((await scrape(`${base}/metrics`, TOKEN.slice(0, -1))).status).toBe(401);
      expect((await scrape(`${base}/metrics`, `${TOKEN}0`)).status).toBe(401);
      const basic = await fetch(`${base}/metrics`, {
        headers: { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}` },
      });
      expect(basic.status).toBe(401);

      expect((await fetch(`${base}/trpc/system.health`)).status).toBe(200);
      const scraped = await scrape(`${base}/metrics`, TOKEN);
      expect(scraped.status).toBe(200);
      const text = await scraped.text();
      expect(text).toMatch(
        /^fastnext_trpc_calls_total\{procedure="system\.health",type="query",code="OK"\} 1$/m,
      );
      expect(text).toMatch(/^fastnext_http_responses_total\{handler="trpc",status="200"\} 1$/m);
      // The refused scrapes are counted too, by status.
      expect(text).toMatch(/^fastnext_http_responses_total\{handler="metrics",status="401"\} 4$/m);
      expect(text).toMatch(/^fastnext_db_pool_max\{pool="app"\} \d+$/m);
      expect(text).toContain("process_cpu_user_seconds_total");
      expect(text).toContain("nodejs_eventloop_lag_seconds");
    });
  });

  it("is off without a token or an address, and start-up says so", async () => {
    await withServer({}, async (base, output) => {
      expect(output()).toContain("metrics off: set METRICS_TOKEN or METRICS_ADDRESS");
      expect((await scrape(`${base}/metrics`)).status).toBe(404);
      expect((await scrape(`${base}/metrics`, TOKEN)).status).toBe(404);
    });
  });

  it("moves to a listener of its own at METRICS_ADDRESS, where no token is asked", async () => {
    const metricsPort = await freePort();
    await withServer({ METRICS_ADDRESS: `127.0.0.1:${metricsPort}` }, async (base, output) => {
      await expect.poll(output).toContain('"msg":"metrics listening"');
      expect((await scrape(`${base}/metrics`)).status).toBe(404);
      const scraped = await scrape(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain("fastnext_trpc_calls_total");
    });
  });

  it("refuses to start with a short token or a malformed address, naming the variable", async () => {
    for (const env of [{ METRICS_TOKEN: "short" }, { METRICS_ADDRESS: "nowhere" }]) {
      const server = spawnEntryPoint("src/main.ts", {
        cwd: appDir,
        env: { PATH: process.env.PATH ?? "", DATABASE_URL: db.ownerUrl, ...env },
      });
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain(Object.keys(env)[0]);
    }
  });
});
