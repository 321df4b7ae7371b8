import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { withScope } from "@fastnext/db";
import { emitEvent, jobCounts } from "@fastnext/events";
import { signUp, type TestApi } from "@fastnext/test-support";

import { startWorkerStack, tokenFrom, type TestSmtp, type WorkerStack } from "./support";

let stack: WorkerStack;
let api: TestApi;
let smtp: TestSmtp;

const bounced = (address: string) => address.startsWith("bounce");

beforeAll(async () => {
  stack = await startWorkerStack({ reject: bounced });
  ({ api, smtp } = stack);
});
afterAll(() => stack.close());

async function one<T>(sql: string, params: unknown[]): Promise<T | undefined> {
  const { rows } = await api.sql.query<T & Record<string, unknown>>(sql, params);
  return rows[0];
}

/** Lets the worker run a while longer, to see that nothing else happens. */
const settle = (ms = 1_500) => new Promise((resolve) => setTimeout(resolve, ms));

describe("welcome mail", () => {
  it("registering sends exactly one welcome mail", async () => {
    const ann = await signUp(api, "Ann <Admin>");
    await expect.poll(() => smtp.to(ann.email).length, { timeout: 10_000 }).toBe(1);
    await settle();
    const [mail] = smtp.to(ann.email);
    expect(smtp.to(ann.email)).toHaveLength(1);
    expect(mail?.mail.subject).toBe("Welcome to FastNext");
    expect(mail?.mail.text).toContain("Hello Ann <Admin>,");
    expect(mail?.mail.html).toContain("Hello Ann &lt;Admin&gt;,");
    expect(mail?.mail.text).toContain("https://app.example.com/sign-in");

    const outbound = await one<{ sent_at: Date | null; attempts: number; message_id: string }>(
      "SELECT sent_at, attempts, message_id FROM outbound_emails WHERE recipient = $1 AND template = 'mail.welcome'",
      [ann.email],
    );
    expect(outbound).toMatchObject({
      sent_at: expect.any(Date),
      attempts: 1,
      message_id: mail?.mail.messageId,
    });
    const runs = await api.sql.query(
      `SELECT r.handler FROM event_handler_runs r JOIN domain_events e ON e.id = r.event_id
        WHERE e.name = 'user.registered' AND e.payload->>'userId' = $1`,
      [ann.id],
    );
    expect(runs.rows).toEqual([{ handler: "mail.welcome" }]);
  });
});

describe("a change that rolls back", () => {
  it("leaves no event and no job, and sends nothing", async () => {
    const ann = await signUp(api, "Ann");
    await expect.poll(() => smtp.to(ann.email).length, { timeout: 10_000 }).toBe(1);
    let eventId = "";
    await expect(
      withScope(api.deps.pool, { userId: ann.id, permissions: [] }, async (tx) => {
        eventId = await emitEvent(tx, "user.registered", { userId: ann.id });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(eventId).not.toBe("");
    expect(
      (await api.sql.query("SELECT 1 FROM domain_events WHERE id = $1", [eventId])).rowCount,
    ).toBe(0);
    expect(
      (await api.sql.query("SELECT 1 FROM pgboss.job WHERE data->>'eventId' = $1", [eventId]))
        .rowCount,
    ).toBe(0);
    await settle();
    expect(smtp.to(ann.email)).toHaveLength(1);
  });
});

describe("a handler that keeps failing", () => {
  it("is retried, then stays failed (dead letter) and shows in the job counts", async () => {
    const reader = await signUp(api, "Reader");
    // The test SMTP server refuses this recipient permanently.
    const address = `bounce-${randomUUID()}@example.com`;
    const registered = await api
      .client()
      .auth.register.mutate({ email: address, name: "Bouncer", password: "bouncing-password-1" });
    const job = async () =>
      one<{ state: string; retry_count: number }>(
        `SELECT j.state::text AS state, j.retry_count FROM pgboss.job j
          WHERE j.name = 'events.handle' AND j.data->>'handler' = 'mail.welcome'
            AND j.data->>'eventId' = (SELECT id::text FROM domain_events WHERE payload->>'userId' = $1)`,
        [registered.user.id],
      );
    await expect.poll(async () => (await job())?.state, { timeout: 20_000 }).toBe("failed");
    // Three tries in all: the first and two retries (WORKER_RETRY_LIMIT=2 here).
    expect(await job()).toMatchObject({ retry_count: 2 });
    const outbound = await one<{ attempts: number; sent_at: Date | null; last_error: string }>(
      "SELECT attempts, sent_at, last_error FROM outbound_emails WHERE recipient = $1",
      [address],
    );
    expect(outbound).toMatchObject({
      attempts: 3,
      sent_at: null,
      last_error: expect.stringMatching(/550|unavailable/i),
    });

    const counts = await withScope(
      api.deps.pool,
      { userId: reader.id, permissions: ["system.read"] },
      (tx) => jobCounts(tx),
    );
    expect(counts.failed).toBeGreaterThanOrEqual(1);
    expect(counts.byQueue["events.handle"]?.failed).toBeGreaterThanOrEqual(1);
    // Without system.read the counts are not shown.
    const hidden = await withScope(api.deps.pool, { userId: reader.id, permissions: [] }, (tx) =>
      jobCounts(tx),
    );
    expect(hidden).toEqual({ queued: 0, active: 0, failed: 0, byQueue: {} });
  });
});

describe("password reset by mail", () => {
  it("mails a single-use link that resets the password", async () => {
    const ann = await signUp(api, "Ann");
    await api.client().auth.requestPasswordReset.mutate({ email: ann.email });
    await expect
      .poll(() => smtp.to(ann.email).filter((m) => m.mail.subject?.startsWith("Reset")).length, {
        timeout: 10_000,
      })
      .toBe(1);
    const mail = smtp.to(ann.email).find((m) => m.mail.subject?.startsWith("Reset"));
    if (!mail) throw new Error("no reset mail");
    const token = tokenFrom(mail.mail);
    expect(mail.mail.text).toContain("30 minutes");

    // Only the hash is stored.
    const stored = await one<{ token_hash: string }>(
      "SELECT token_hash FROM password_reset_tokens WHERE user_id = $1",
      [ann.id],
    );
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.token_hash).not.toContain(token);

    await api.client().auth.resetPassword.mutate({ token, password: "reset by mail password" });
    expect(
      await api
        .client()
        .auth.login.mutate({ email: ann.email, password: "reset by mail password" }),
    ).toMatchObject({
      status: "signed_in",
    });
    const reuse = await api
      .client()
      .auth.resetPassword.mutate({ token, password: "again and again" })
      .catch((e: unknown) => e);
    expect(reuse).toBeInstanceOf(Error);
  });
});
