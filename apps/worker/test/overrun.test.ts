import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPrismaClient, type PrismaClient } from "@fastnext/db";
import { createSmtpMailer } from "@fastnext/email";
import { startApi, type TestApi } from "@fastnext/test-support";

import { createLinks, HandlerRegistry, type Handler, type WorkerContext } from "../src/handlers";
import { MessageInFlightError, runHandler } from "../src/runner";
import { quietLogger, startSmtp, testWebhooks, type TestSmtp } from "./support";

let api: TestApi;
let smtp: TestSmtp;
let db: PrismaClient;

beforeAll(async () => {
  api = await startApi();
  smtp = await startSmtp();
  db = createPrismaClient({ connectionString: api.db.systemUrl, max: 4 });
});
afterAll(async () => {
  await db.$disconnect();
  await smtp.close();
  await api.close();
});

/** What one worker process runs a handler with: its own mailer and its own "sending" set. */
function processContext(): WorkerContext & { close: () => Promise<void> } {
  const mailer = createSmtpMailer({
    from: "FastNext <no-reply@example.com>",
    smtp: {
      host: "127.0.0.1",
      port: smtp.port,
      secure: false,
      user: undefined,
      password: undefined,
    },
    timeoutMs: 5_000,
  });
  return {
    db,
    mailer,
    links: createLinks("https://app.example.com"),
    log: quietLogger().logger,
    mailLeaseSeconds: 30,
    webhooks: testWebhooks,
    sending: new Set(),
    close: () => mailer.close(),
  };
}

describe("an attempt that outlived its job's time-out", () => {
  it("does not send the message the job's retry, on another worker, took over", async () => {
    // No worker runs here: the test plays both attempts of one job itself.
    const email = `slow-${randomUUID().slice(0, 8)}@example.com`;
    const { user } = await api
      .client()
      .auth.register.mutate({ email, name: "Slow", password: "correct horse battery" });
    const { rows } = await api.sql.query<{ id: string }>(
      "SELECT id FROM domain_events WHERE name = 'user.registered' AND payload->>'userId' = $1",
      [user.id],
    );
    const eventId = rows[0]?.id ?? "";
    const welcome = new HandlerRegistry().get("mail.welcome");
    if (welcome?.kind !== "email") throw new Error("no welcome mail handler");

    // The first attempt composes slowly (a loaded database), past its job's time-out.
    let composing: () => void = () => undefined;
    const entered = new Promise<void>((resolve) => (composing = resolve));
    let finishCompose: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (finishCompose = resolve));
    const slow: Handler = {
      ...welcome,
      compose: async (tx, event, recipient, ctx) => {
        composing();
        await held;
        return welcome.compose(tx, event, recipient, ctx);
      },
    };
    const first = processContext();
    const second = processContext();
    try {
      const jobId = randomUUID();
      const overrun = runHandler(slow, eventId, first, { jobId, number: 0 });
      await entered;
      // The queue gave up on it and retried the job elsewhere: the retry takes the message over.
      expect(await runHandler(welcome, eventId, second, { jobId, number: 1 })).toBe("done");
      expect(smtp.to(email)).toHaveLength(1);

      finishCompose();
      await expect(overrun).rejects.toBeInstanceOf(MessageInFlightError);
      expect(smtp.to(email)).toHaveLength(1);
      const { rows: outbound } = await api.sql.query<{ attempts: number; sent: boolean }>(
        "SELECT attempts, sent_at IS NOT NULL AS sent FROM outbound_emails WHERE event_id = $1",
        [eventId],
      );
      expect(outbound).toEqual([{ attempts: 2, sent: true }]);
    } finally {
      finishCompose();
      await Promise.all([first.close(), second.close()]);
    }
  });
});
