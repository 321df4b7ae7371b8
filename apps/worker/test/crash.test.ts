import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApi, type ChildUnderTest, type TestApi } from "@fastnext/test-support";

import { spawnWorker, workerEnvFor } from "./process";
import { startSmtp, type TestSmtp } from "./support";

let api: TestApi;
let smtp: TestSmtp;
const running: ChildUnderTest[] = [];

/**
 * Messages to a "held" address get no reply from the SMTP server until the
 * test decides: the worker is then in the middle of the handler.
 */
interface Hold {
  inFlight: Promise<void>;
  accept: () => void;
  refuse: () => void;
}
const holds = new Map<
  string,
  {
    arrived: () => void;
    inFlight: Promise<void>;
    decided: Promise<boolean>;
    decide: (ok: boolean) => void;
  }
>();

function hold(address: string): Hold {
  let arrived: () => void = () => undefined;
  let decide: (ok: boolean) => void = () => undefined;
  const entry = {
    inFlight: new Promise<void>((resolve) => (arrived = resolve)),
    decided: new Promise<boolean>((resolve) => (decide = resolve)),
    arrived: () => arrived(),
    decide: (ok: boolean) => decide(ok),
  };
  holds.set(address, entry);
  return {
    inFlight: entry.inFlight,
    accept: () => entry.decide(true),
    refuse: () => entry.decide(false),
  };
}

beforeAll(async () => {
  api = await startApi();
  smtp = await startSmtp({
    beforeAccept: async (to) => {
      const entry = to.map((address) => holds.get(address)).find(Boolean);
      if (!entry) return;
      holds.delete(to.find((address) => holds.has(address)) ?? "");
      entry.arrived();
      if (!(await entry.decided)) throw new Error("the sender went away");
    },
  });
});
afterAll(async () => {
  for (const worker of running) if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
  await smtp.close();
  await api.close();
});

async function start(env: Record<string, string> = {}): Promise<ChildUnderTest> {
  const worker = spawnWorker({ ...workerEnvFor(api.db, smtp.port), ...env });
  running.push(worker);
  await expect.poll(worker.output, { timeout: 30_000 }).toContain('"msg":"worker ready"');
  return worker;
}

async function state(userId: string) {
  const { rows } = await api.sql.query<{
    job_state: string;
    retry_count: number;
    attempts: number;
    sent_at: Date | null;
    completed: boolean;
  }>(
    `SELECT j.state::text AS job_state, j.retry_count, o.attempts, o.sent_at,
            EXISTS (SELECT 1 FROM event_handler_runs r WHERE r.event_id = e.id AND r.handler = 'mail.welcome') AS completed
       FROM domain_events e
       JOIN pgboss.job j ON j.name = 'events.handle' AND j.data->>'eventId' = e.id::text
       LEFT JOIN outbound_emails o ON o.event_id = e.id
      WHERE e.name = 'user.registered' AND e.payload->>'userId' = $1`,
    [userId],
  );
  return rows[0];
}

describe("a worker killed in the middle of a handler", () => {
  it("leaves the job to be retried after a restart, and the mail goes out once", async () => {
    const first = await start();
    const email = `ann-killed-${Date.now()}@example.com`;
    const held = hold(email);
    const { user } = await api
      .client()
      .auth.register.mutate({ email, name: "Ann", password: "correct horse battery" });
    await held.inFlight;
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    held.refuse();
    expect(await state(user.id)).toMatchObject({
      job_state: "active",
      attempts: 1,
      sent_at: null,
      completed: false,
    });
    expect(smtp.to(email)).toEqual([]);

    const second = await start();
    // The dead worker's job times out (3 s here), is retried, and is sent.
    await expect.poll(() => smtp.to(email).length, { timeout: 20_000 }).toBe(1);
    await expect
      .poll(() => state(user.id), { timeout: 10_000 })
      .toMatchObject({
        job_state: "completed",
        retry_count: 1,
        attempts: 2,
        sent_at: expect.any(Date),
        completed: true,
      });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(smtp.to(email)).toHaveLength(1);

    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('"msg":"worker stopped"');
  });
});

describe("a worker asked to stop (SIGTERM)", () => {
  it("lets the handler in hand finish before it exits", async () => {
    // A long job time-out: only the shutdown decides what happens to the job here.
    const worker = await start({
      WORKER_SHUTDOWN_TIMEOUT_MS: "10000",
      WORKER_JOB_TIMEOUT_SECONDS: "60",
    });
    const email = `bea-${Date.now()}@example.com`;
    const held = hold(email);
    const { user } = await api
      .client()
      .auth.register.mutate({ email, name: "Bea", password: "correct horse battery" });
    await held.inFlight;
    worker.child.kill("SIGTERM");
    await expect
      .poll(worker.output, { timeout: 5_000 })
      .toContain('"msg":"waiting for work in hand"');
    held.accept();
    expect(await worker.exited).toBe(0);
    expect(worker.output()).not.toContain("did not finish in time");
    expect(smtp.to(email)).toHaveLength(1);
    expect(await state(user.id)).toMatchObject({
      job_state: "completed",
      attempts: 1,
      sent_at: expect.any(Date),
    });
  });

  it("gives back a handler that does not finish in time, and the next worker completes it once", async () => {
    const worker = await start({
      WORKER_SHUTDOWN_TIMEOUT_MS: "300",
      WORKER_JOB_TIMEOUT_SECONDS: "60",
    });
    const email = `cid-${Date.now()}@example.com`;
    const held = hold(email);
    const { user } = await api
      .client()
      .auth.register.mutate({ email, name: "Cid", password: "correct horse battery" });
    await held.inFlight;
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain("did not finish in time");
    held.refuse();
    // Handed back at once (failed, with retries left): no time-out to wait for.
    expect(await state(user.id)).toMatchObject({
      job_state: "retry",
      retry_count: 0,
      sent_at: null,
    });

    const next = await start();
    await expect.poll(() => smtp.to(email).length, { timeout: 20_000 }).toBe(1);
    await expect
      .poll(() => state(user.id), { timeout: 10_000 })
      .toMatchObject({ job_state: "completed", completed: true });
    next.child.kill("SIGTERM");
    expect(await next.exited).toBe(0);
  });
});
