import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readinessResponse, workerHealthResponse } from "@fastnext/api/http";
import { checkWorkers, createPrismaClient, type PrismaClient } from "@fastnext/db";
import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";

import { spawnWorker, workerEnvFor } from "./process";
import { startSmtp, startWorker, type TestSmtp } from "./support";

let db: TestDatabase;
let smtp: TestSmtp;
/** Readiness runs as the application role, as the web app and the API server do. */
let app: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startSmtp();
  app = createPrismaClient({ connectionString: db.appUrl, max: 2 });
});
afterAll(async () => {
  await app.$disconnect();
  await smtp.close();
  await db.drop();
});

async function probes() {
  const ready = await readinessResponse(app);
  const worker = await workerHealthResponse(app);
  return {
    ready: { status: ready.status, body: (await ready.json()) as Record<string, unknown> },
    worker: { status: worker.status, body: (await worker.json()) as Record<string, unknown> },
  };
}

describe("worker heartbeat", () => {
  it("is missing with no worker, ok while one runs, missing again once it stops", async () => {
    expect(await checkWorkers(app)).toEqual({ worker: "missing", lastBeatAt: null });
    // A missing worker is a detail of readiness, never a reason to fail it.
    expect(await probes()).toMatchObject({
      ready: { status: 200, body: { status: "ready", worker: "missing", workerLastBeatAt: null } },
      worker: { status: 503, body: { status: "missing", lastBeatAt: null } },
    });

    const worker = await startWorker(db.systemUrl, smtp.port, { heartbeatSeconds: 1 });
    try {
      const first = await checkWorkers(app);
      expect(first).toMatchObject({ worker: "ok", alive: 1 });
      expect(await probes()).toMatchObject({
        ready: { status: 200, body: { status: "ready", worker: "ok", workers: 1 } },
        worker: { status: 200, body: { status: "ok", workers: 1 } },
      });
      // It keeps beating.
      await expect
        .poll(
          async () => {
            const now = await checkWorkers(app);
            return (
              now.worker === "ok" && first.worker === "ok" && now.lastBeatAt > first.lastBeatAt
            );
          },
          { timeout: 5_000, interval: 200 },
        )
        .toBe(true);
    } finally {
      await worker.stop();
    }

    // A clean stop removes its row at once.
    expect(await checkWorkers(app)).toEqual({ worker: "missing", lastBeatAt: null });
    expect((await probes()).worker.status).toBe(503);
  });

  it("turns missing three intervals after a worker process is killed", async () => {
    const worker = spawnWorker({ ...workerEnvFor(db, smtp.port), WORKER_HEARTBEAT_SECONDS: "1" });
    try {
      await expect.poll(worker.output, { timeout: 20_000 }).toContain('"msg":"worker ready"');
      expect(await checkWorkers(app)).toMatchObject({ worker: "ok", alive: 1 });
      worker.child.kill("SIGKILL");
      await worker.exited;
      const killedAt = Date.now();
      // Its last beat is still recent: not yet missing.
      expect((await checkWorkers(app)).worker).toBe("ok");
      await expect
        .poll(async () => (await checkWorkers(app)).worker, { timeout: 8_000, interval: 200 })
        .toBe("missing");
      expect(Date.now() - killedAt).toBeGreaterThanOrEqual(1_000);
      expect(await checkWorkers(app)).toMatchObject({
        worker: "missing",
        lastBeatAt: expect.any(String),
      });
    } finally {
      await worker.stop();
    }
  });

  it("lets the application role read the summary only, not the rows", async () => {
    await expect(app.$queryRaw`SELECT * FROM worker_heartbeats`).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      app.$executeRaw`INSERT INTO worker_heartbeats VALUES (gen_random_uuid(), 'x', 1, now(), now(), 1)`,
    ).rejects.toThrow(/permission denied/);
  });

  it("reports unknown, not missing, when the database cannot say", async () => {
    const unreachable = createPrismaClient({
      connectionString: "postgresql://nobody:x@127.0.0.1:1/none",
      max: 1,
    });
    try {
      expect(await checkWorkers(unreachable)).toMatchObject({ worker: "unknown" });
      const response = await workerHealthResponse(unreachable);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: "unknown" });
    } finally {
      await unreachable.$disconnect();
    }
  });
});
