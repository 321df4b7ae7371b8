import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { signUp, type TestApi } from "@fastnext/test-support";

import { purgeExpired } from "../src/scheduled/purge";
import { startWorkerStack, type InProcessWorker, type WorkerStack } from "./support";

let stack: WorkerStack;
let api: TestApi;
let worker: InProcessWorker;

beforeAll(async () => {
  stack = await startWorkerStack();
  ({ api, worker } = stack);
});
afterAll(() => stack.close());

async function ids(sql: string, params: unknown[]): Promise<string[]> {
  const { rows } = await api.sql.query<{ id: string }>(sql, params);
  return rows.map((r) => r.id).sort();
}

describe("the purge of expired credentials and idempotency keys", () => {
  it("deletes what can no longer be used and keeps the rest", async () => {
    const ann = await signUp(api, "Ann");
    const insertSession = async (expires: string, revoked: string | null) => {
      const { rows } = await api.sql.query<{ id: string }>(
        `INSERT INTO sessions (id, user_id, device_label, expires_at, revoked_at)
         VALUES (gen_random_uuid(), $1, 'x', now() + $2::interval, now() + $3::interval) RETURNING id`,
        [ann.id, expires, revoked],
      );
      return rows[0]?.id ?? "";
    };
    const expired = await insertSession("-2 days", null);
    const revokedLongAgo = await insertSession("10 days", "-31 days");
    const revokedRecently = await insertSession("10 days", "-1 day");
    await api.sql.query(
      `INSERT INTO refresh_tokens (id, session_id, user_id, token_hash, expires_at)
       VALUES (gen_random_uuid(), $1, $2, md5(random()::text), now() - interval '2 days')`,
      [expired, ann.id],
    );
    await api.sql.query(
      `INSERT INTO login_challenges (id, user_id, device_label, expires_at, used_at) VALUES
         (gen_random_uuid(), $1, 'old', now() - interval '2 days', NULL),
         (gen_random_uuid(), $1, 'used', now() + interval '1 hour', now() - interval '2 days'),
         (gen_random_uuid(), $1, 'live', now() + interval '5 minutes', NULL)`,
      [ann.id],
    );
    await api.sql.query(
      `INSERT INTO password_reset_tokens (id, user_id, expires_at, used_at) VALUES
         (gen_random_uuid(), $1, now() - interval '2 days', NULL),
         (gen_random_uuid(), $1, now() + interval '10 minutes', NULL)`,
      [ann.id],
    );

    await api.sql.query(
      `INSERT INTO oauth_codes (id, code_hash, intent, user_id, provider, provider_account_id, email,
                                code_challenge, redirect_uri, expires_at) VALUES
         (gen_random_uuid(), md5(random()::text), 'sign_in', $1, 'oidc', 'old', 'a@example.com', 'c', 'app://cb', now() - interval '2 days'),
         (gen_random_uuid(), md5(random()::text), 'sign_in', $1, 'oidc', 'live', 'a@example.com', 'c', 'app://cb', now() + interval '1 minute')`,
      [ann.id],
    );

    const oldKey = randomUUID();
    const freshKey = randomUUID();
    await ann.client.projects.create.mutate({ name: "Old retry", idempotencyKey: oldKey });
    await ann.client.projects.create.mutate({ name: "Fresh retry", idempotencyKey: freshKey });
    await api.sql.query(
      "UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE user_id = $1 AND key = $2",
      [ann.id, oldKey],
    );

    const purged = await purgeExpired(worker.db);
    expect(purged).toMatchObject({
      sessions: 2,
      loginChallenges: 2,
      passwordResets: 1,
      idempotencyKeys: 1,
      oauthCodes: 1,
    });
    expect(
      await ids("SELECT provider_account_id AS id FROM oauth_codes WHERE user_id = $1", [ann.id]),
    ).toEqual(["live"]);
    expect(
      await ids("SELECT key AS id FROM idempotency_keys WHERE user_id = $1", [ann.id]),
    ).toEqual([freshKey]);
    const sessions = await ids("SELECT id FROM sessions WHERE user_id = $1", [ann.id]);
    expect(sessions).toContain(revokedRecently);
    expect(sessions).not.toContain(expired);
    expect(sessions).not.toContain(revokedLongAgo);
    expect(
      await ids("SELECT device_label AS id FROM login_challenges WHERE user_id = $1", [ann.id]),
    ).toEqual(["live"]);
    expect(
      await ids("SELECT id FROM password_reset_tokens WHERE user_id = $1 AND expires_at > now()", [
        ann.id,
      ]),
    ).toHaveLength(1);
    expect(
      await ids("SELECT id FROM password_reset_tokens WHERE user_id = $1", [ann.id]),
    ).toHaveLength(1);
    // The signed-in session of signUp stays usable.
    expect(await ann.client.users.me.query()).toMatchObject({ user: { id: ann.id } });
  });
});

describe("scheduled jobs", () => {
  it("are scheduled by the worker and run from the queue", async () => {
    const { rows } = await api.sql.query<{ name: string; cron: string; timezone: string }>(
      "SELECT name, cron, timezone FROM pgboss.schedule ORDER BY name",
    );
    expect(rows).toEqual([
      { name: "maintenance.purge", cron: "17 * * * *", timezone: "UTC" },
      { name: "workflows.timeouts", cron: "* * * * *", timezone: "UTC" },
    ]);
    // What the cron does each time: a job on each queue, which the worker runs.
    for (const queue of ["maintenance.purge", "workflows.timeouts"]) {
      const { rows: sent } = await api.sql.query<{ id: string }>(
        "INSERT INTO pgboss.job (name, data) VALUES ($1, '{}') RETURNING id",
        [queue],
      );
      const id = sent[0]?.id ?? "";
      await expect
        .poll(
          async () =>
            (
              await api.sql.query<{ state: string }>(
                "SELECT state::text FROM pgboss.job WHERE id = $1",
                [id],
              )
            ).rows[0]?.state,
          {
            timeout: 10_000,
          },
        )
        .toBe("completed");
    }
  });
});
