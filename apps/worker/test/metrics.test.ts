import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createRegistry, createWorkerMetrics, METRIC, type WorkerMetrics } from "@fastnext/metrics";
import { freePort, startApi, type TestApi } from "@fastnext/test-support";

import { metricsListenAddress } from "../src/metrics-address";
import { spawnWorker, TEST_ENCRYPTION_KEYS } from "./process";
import { startSmtp, startWorker, type InProcessWorker, type TestSmtp } from "./support";

let api: TestApi;
let smtp: TestSmtp;
let worker: InProcessWorker;
let metrics: WorkerMetrics;

beforeAll(async () => {
  api = await startApi();
  smtp = await startSmtp({ reject: (address) => address.startsWith("bounce") });
  metrics = createWorkerMetrics(createRegistry());
  worker = await startWorker(api.db.systemUrl, smtp.port, { metrics, heartbeatSeconds: 1 });
});
afterAll(async () => {
  await worker.stop();
  await smtp.close();
  await api.close();
});

type Labels = Record<string, string>;

async function value(name: string, labels: Labels = {}, series = name): Promise<number> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return values
    .filter((v) => ("metricName" in v && v.metricName ? v.metricName : name) === series)
    .filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))
    .reduce((sum, v) => sum + v.value, 0);
}

describe("the worker's metrics", () => {
  it("time each job, and each event from its commit to its handler", async () => {
    const handled = { queue: "events.handle", outcome: "completed" };
    const jobsBefore = await value(METRIC.jobDuration, handled, `${METRIC.jobDuration}_count`);
    const lagBefore = await value(
      METRIC.eventLag,
      { handler: "mail.welcome" },
      `${METRIC.eventLag}_count`,
    );
    const email = `metrics-${randomUUID()}@example.com`;
    await api.client().auth.register.mutate({ email, name: "Mia", password: "metrics-password-1" });
    await expect.poll(() => smtp.to(email).length, { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => value(METRIC.eventLag, { handler: "mail.welcome" }, `${METRIC.eventLag}_count`))
      .toBe(lagBefore + 1);
    expect(await value(METRIC.jobDuration, handled, `${METRIC.jobDuration}_count`)).toBeGreaterThan(
      jobsBefore,
    );
    const lag = await value(METRIC.eventLag, { handler: "mail.welcome" }, `${METRIC.eventLag}_sum`);
    expect(lag).toBeGreaterThan(0);
    expect(lag).toBeLessThan(10);
  });

  it("count retries and the final failure of a job that runs out of tries", async () => {
    const retries = () => value(METRIC.jobRetries, { queue: "events.handle" });
    const final = () => value(METRIC.jobFailures, { queue: "events.handle", final: "true" });
    const notFinal = () => value(METRIC.jobFailures, { queue: "events.handle", final: "false" });
    const [retriesBefore, finalBefore, notFinalBefore] = await Promise.all([
      retries(),
      final(),
      notFinal(),
    ]);
    await api.client().auth.register.mutate({
      email: `bounce-${randomUUID()}@example.com`,
      name: "Bouncer",
      password: "bouncing-password-1",
    });
    // Three tries (retry limit 2): two failures with a try left, then the final one.
    await expect.poll(final, { timeout: 20_000 }).toBe(finalBefore + 1);
    expect(await notFinal()).toBe(notFinalBefore + 2);
    expect(await retries()).toBe(retriesBefore + 2);
  });

  it("report the queue by queue and state, and the last heartbeat", async () => {
    const { rows } = await api.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'events.dispatch' AND state = 'completed'",
    );
    expect(await value(METRIC.queueJobs, { queue: "events.dispatch", state: "completed" })).toBe(
      rows[0]?.n,
    );
    const beat = await value(METRIC.workerHeartbeat);
    expect(beat).toBeGreaterThan(Date.now() / 1000 - 5);
    expect(beat).toBeLessThanOrEqual(Date.now() / 1000 + 1);
  });
});

describe("where the worker's metrics listener binds", () => {
  const token = "worker-metrics-token-for-tests";

  it("is loopback at METRICS_PORT when only METRICS_TOKEN is set", () => {
    expect(metricsListenAddress({ token, address: null }, 9464)).toEqual({
      host: "127.0.0.1",
      port: 9464,
    });
  });

  it("is METRICS_ADDRESS when given, with or without a token", () => {
    const address = { host: "0.0.0.0", port: 9100 };
    expect(metricsListenAddress({ token, address }, 9464)).toEqual(address);
    expect(metricsListenAddress({ token: null, address }, 9464)).toEqual(address);
  });

  it("is nowhere with neither", () => {
    expect(metricsListenAddress({ token: null, address: null }, 9464)).toBeNull();
  });
});

describe("the worker process's metrics listener", () => {
  const env = () => ({
    DATABASE_URL: api.db.ownerUrl,
    DATABASE_APP_URL: api.db.appUrl,
    DATABASE_SYSTEM_URL: api.db.systemUrl,
    MAIL_TRANSPORT: "file",
    MAIL_DIR: mkdtempSync(path.join(tmpdir(), "fastnext-mail-")),
    AUTH_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
  });

  it("serves /metrics at METRICS_ADDRESS behind METRICS_TOKEN", async () => {
    const port = await freePort();
    const token = "worker-metrics-token-for-tests";
    const child = spawnWorker({
      ...env(),
      METRICS_ADDRESS: `127.0.0.1:${port}`,
      METRICS_TOKEN: token,
    });
    try {
      await expect.poll(child.output, { timeout: 20_000 }).toContain('"msg":"metrics listening"');
      const url = `http://127.0.0.1:${port}/metrics`;
      const bare = await fetch(url);
      expect(bare.status).toBe(401);
      expect(bare.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await fetch(url, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(
        401,
      );
      const scraped = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(scraped.status).toBe(200);
      expect(scraped.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await scraped.text();
      expect(text).toMatch(/^fastnext_worker_heartbeat_timestamp_seconds \d/m);
      expect(text).toMatch(/^fastnext_db_pool_max\{pool="system"\} 3$/m);
      expect(text).toContain("process_resident_memory_bytes");
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      child.child.kill("SIGTERM");
      expect(await child.exited).toBe(0);
    }
  });

  it("listens on loopback only at METRICS_PORT when only METRICS_TOKEN is set", async () => {
    const port = await freePort();
    const token = "worker-metrics-token-for-tests";
    const child = spawnWorker({ ...env(), METRICS_PORT: String(port), METRICS_TOKEN: token });
    try {
      await expect.poll(child.output, { timeout: 20_000 }).toContain('"msg":"metrics listening"');
      const line = child
        .output()
        .split("\n")
        .find((text) => text.includes('"msg":"metrics listening"'));
      // The interface the listener really bound, as the operating system reports it.
      expect(JSON.parse(line ?? "{}")).toMatchObject({ host: "127.0.0.1", port, token: true });
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(scraped.status).toBe(200);
    } finally {
      child.child.kill("SIGTERM");
      expect(await child.exited).toBe(0);
    }
  });

  it("is off without a token or an address, and says so", async () => {
    const child = spawnWorker(env());
    try {
      await expect.poll(child.output, { timeout: 20_000 }).toContain("metrics off");
    } finally {
      child.child.kill("SIGTERM");
      expect(await child.exited).toBe(0);
    }
  });
});
