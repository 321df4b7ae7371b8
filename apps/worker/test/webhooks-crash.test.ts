import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { parseAllowList, type WebhookAllowList } from "@fastnext/core/webhooks";
import { signUp, startApi, type ChildUnderTest, type TestApi } from "@fastnext/test-support";

import { spawnWorker, TEST_ENCRYPTION_KEYS, workerEnvFor } from "./process";
import { startSmtp, type TestSmtp } from "./support";
import { startReceiver, type Receiver } from "./webhook-receiver";

let api: TestApi;
let smtp: TestSmtp;
let hook: Receiver;
const running: ChildUnderTest[] = [];

beforeAll(async () => {
  api = await startApi({
    authEnv: { AUTH_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS },
    webhooks: {
      allowList: parseAllowList(["127.0.0.1"]) as WebhookAllowList,
      secretGraceSeconds: 0,
    },
  });
  smtp = await startSmtp();
  // The first request is held unanswered (the worker is killed meanwhile), the next one answered.
  hook = await startReceiver(["hang", { status: 200 }]);
});
afterAll(async () => {
  for (const worker of running) if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
  await hook.close();
  await smtp.close();
  await api.close();
});

async function start(): Promise<ChildUnderTest> {
  const worker = spawnWorker({
    ...workerEnvFor(api.db, smtp.port),
    WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
    WEBHOOK_TIMEOUT_MS: "1000",
    WEBHOOK_RETRY_DELAY_SECONDS: "0",
  });
  running.push(worker);
  await expect.poll(worker.output, { timeout: 30_000 }).toContain('"msg":"worker ready"');
  return worker;
}

async function deliveryState(endpointId: string) {
  const { rows } = await api.sql.query<{ status: string; attempts: number; count: number }>(
    `SELECT d.status::text, d.attempts, count(*) OVER ()::int AS count
       FROM webhook_deliveries d WHERE d.endpoint_id = $1`,
    [endpointId],
  );
  return rows[0] ?? null;
}

describe("a worker killed in the middle of a webhook delivery", () => {
  it("leads to exactly one more attempt, with the same idempotency id", async () => {
    const owner = await signUp(api, "Owner");
    const project = await owner.client.projects.create.mutate({ name: `Crash ${randomUUID()}` });
    const { endpoint } = await owner.client.webhooks.create.mutate({
      url: hook.url(),
      events: ["project.member_added"],
      projectId: project.id,
    });
    const first = await start();
    const member = await signUp(api, "Member");
    await owner.client.projects.members.add.mutate({
      projectId: project.id,
      userId: member.id,
      role: "viewer",
    });
    await hook.waitFor(1, 30_000);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    expect(await deliveryState(endpoint.id)).toMatchObject({
      status: "pending",
      attempts: 1,
      count: 1,
    });

    const second = await start();
    // The dead worker's job is given up on after its time-out and tried again.
    await hook.waitFor(2, 40_000);
    await expect
      .poll(() => deliveryState(endpoint.id), { timeout: 10_000 })
      .toMatchObject({ status: "succeeded", attempts: 2, count: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(hook.received).toHaveLength(2);
    const [killed, retried] = hook.received;
    expect(retried?.headers["webhook-id"]).toBe(killed?.headers["webhook-id"]);
    expect(retried?.body).toBe(killed?.body);

    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 90_000);
});
