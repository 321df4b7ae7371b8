import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";

import { startNext, type RunningNext } from "./helpers/next-server";

// `/api/metrics` of the production build: behind METRICS_TOKEN, reading the
// registry the tRPC route records into; off without a token.

const TOKEN = "web-metrics-token-for-tests-00001";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const scrape = (web: RunningNext, authorization?: string) =>
  fetch(`${web.url}/api/metrics`, { headers: authorization ? { authorization } : {} });

describe("/api/metrics", () => {
  let web: RunningNext;
  beforeAll(async () => {
    web = await startNext({
      DATABASE_URL: db.ownerUrl,
      DATABASE_APP_URL: db.appUrl,
      METRICS_TOKEN: TOKEN,
    });
  }, 90_000);
  afterAll(async () => {
    await web.stop();
  });

  it("refuses a scrape without the token or with a wrong one", async () => {
    const bare = await scrape(web);
    expect(bare.status).toBe(401);
    expect(bare.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await bare.text()).not.toContain("fastnext_");
    expect((await scrape(web, `Bearer ${TOKEN}-wrong`)).status).toBe(401);
    expect((await scrape(web, TOKEN)).status).toBe(401);
    expect(web.output()).toContain("metrics served behind METRICS_TOKEN");
  });

  it("serves the calls the tRPC route counted, with the process metrics", async () => {
    expect((await fetch(`${web.url}/api/trpc/system.health`)).status).toBe(200);
    expect((await fetch(`${web.url}/api/trpc/system.health`)).status).toBe(200);
    const scraped = await scrape(web, `Bearer ${TOKEN}`);
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await scraped.text();
    expect(text).toMatch(
      /^fastnext_trpc_calls_total\{procedure="system\.health",type="query",code="OK"\} 2$/m,
    );
    expect(text).toMatch(/^fastnext_http_responses_total\{handler="trpc",status="200"\} 2$/m);
    expect(text).toContain("process_resident_memory_bytes");
    // The scrape itself wires the pool gauges, before any call needed the database.
    expect(text).toMatch(/^fastnext_db_pool_max\{pool="app"\} \d+$/m);
  });
});

describe("/api/metrics without METRICS_TOKEN", () => {
  it("is not served, and start-up says so", async () => {
    const web = await startNext({ DATABASE_URL: db.ownerUrl, DATABASE_APP_URL: db.appUrl });
    try {
      expect((await scrape(web)).status).toBe(404);
      expect((await scrape(web, `Bearer ${TOKEN}`)).status).toBe(404);
      expect(web.output()).toContain("metrics off: set METRICS_TOKEN to serve /api/metrics");
    } finally {
      await web.stop();
    }
  }, 90_000);
});
