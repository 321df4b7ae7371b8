import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ANONYMOUS_SCOPE, createPrismaClient, withScope } from "@fastnext/db";
import { emitEvent } from "@fastnext/events";
import { startApi, type TestApi } from "@fastnext/test-support";

import { startSmtp, startWorker, type InProcessWorker, type TestSmtp } from "./support";

let api: TestApi;
let smtp: TestSmtp;
let workers: InProcessWorker[] = [];

const EVENTS = 500;

beforeAll(async () => {
  api = await startApi();
  smtp = await startSmtp();
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await smtp.close();
  await api.close();
});

async function scalar(sql: string): Promise<number> {
  const { rows } = await api.sql.query<{ n: number }>(sql);
  return rows[0]?.n ?? -1;
}

describe("two workers side by side", () => {
  it(`handle ${EVENTS} events with no event handled twice`, { timeout: 120_000 }, async () => {
    await api.sql.query(
      `INSERT INTO users (id, email, name, password_hash, updated_at)
       SELECT gen_random_uuid(), 'bulk' || i || '@example.com', 'Bulk ' || i, 'x', now()
         FROM generate_series(1, ${EVENTS}) AS i`,
    );
    // What is tested is two workers claiming side by side, not time-outs
    // (crash.test.ts and overrun.test.ts cover those): the job time-out is
    // long enough that a loaded machine does not turn slow jobs into retries.
    const queue = { concurrency: 4, jobTimeoutSeconds: 30 };
    workers = await Promise.all([
      startWorker(api.db.systemUrl, smtp.port, { queue }),
      startWorker(api.db.systemUrl, smtp.port, { queue }),
    ]);
    // One transaction raises them all, as a bulk change would (on the
    // system login, which may raise events in nobody's name).
    const { rows: bulk } = await api.sql.query<{ id: string }>(
      "SELECT id FROM users WHERE email LIKE 'bulk%' ORDER BY email",
    );
    const system = createPrismaClient({ connectionString: api.db.systemUrl, max: 1 });
    try {
      await withScope(
        system,
        ANONYMOUS_SCOPE,
        async (tx) => {
          for (const { id } of bulk) await emitEvent(tx, "user.registered", { userId: id });
        },
        { timeoutMs: 60_000 },
      );
    } finally {
      await system.$disconnect();
    }

    await expect
      .poll(() => smtp.received.length, { timeout: 100_000, interval: 500 })
      .toBeGreaterThanOrEqual(EVENTS);
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    // Side effects: exactly one message per recipient.
    const perRecipient = new Map<string, number>();
    for (const message of smtp.received)
      for (const to of message.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect(perRecipient.size).toBe(EVENTS);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);

    // The books agree: one completion, one outbound row sent on the first claim, one job per event.
    expect(
      await scalar(
        "SELECT count(*)::int AS n FROM event_handler_runs WHERE handler = 'mail.welcome'",
      ),
    ).toBe(EVENTS);
    expect(
      await scalar(
        "SELECT count(*)::int AS n FROM outbound_emails WHERE sent_at IS NOT NULL AND attempts = 1",
      ),
    ).toBe(EVENTS);
    expect(
      await scalar(
        "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'events.handle' AND state = 'completed' AND retry_count = 0",
      ),
    ).toBe(EVENTS);
    expect(
      await scalar(
        "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'events.dispatch' AND state <> 'completed'",
      ),
    ).toBe(0);

    // Both took part.
    for (const { worker } of workers) expect(worker.stats.handled).toBeGreaterThan(0);
    expect(workers.reduce((sum, { worker }) => sum + worker.stats.handled, 0)).toBe(EVENTS);
  });
});
