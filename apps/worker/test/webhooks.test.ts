import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readAuthEnv } from "@fastnext/auth/env";
import {
  parseAllowList,
  sealWebhookSecret,
  verifyWebhookSignature,
  type WebhookAllowList,
} from "@fastnext/core/webhooks";
import { signInAdmin, signUp, startApi, type TestApi } from "@fastnext/test-support";

import { startSmtp, startWorker, type InProcessWorker, type TestSmtp } from "./support";
import { startReceiver, type Receiver, type ReceivedWebhook, type Reply } from "./webhook-receiver";

const loopback = parseAllowList(["127.0.0.1"]) as WebhookAllowList;

let api: TestApi;
let smtp: TestSmtp;
let worker: InProcessWorker;
const receivers: Receiver[] = [];

beforeAll(async () => {
  api = await startApi({ webhooks: { allowList: loopback, secretGraceSeconds: 3600 } });
  smtp = await startSmtp();
  worker = await startWorker(api.db.systemUrl, smtp.port, {
    webhooks: {
      allowList: loopback,
      timeoutMs: 500,
      retryLimit: 2,
      retryDelaySeconds: 1,
      disableAfterFailures: 3,
    },
  });
});
afterAll(async () => {
  await worker.stop();
  for (const receiver of receivers) await receiver.close();
  await smtp.close();
  await api.close();
});

async function receiver(...script: Reply[]) {
  const started = await startReceiver(script.length > 0 ? script : undefined);
  receivers.push(started);
  return started;
}

/** A project of `owner` with one endpoint of it on `url`, and a way to raise project.member_added there. */
async function projectHook(url: string) {
  const owner = await signUp(api, "Owner");
  const project = await owner.client.projects.create.mutate({ name: `Hooks ${randomUUID()}` });
  const { endpoint, secret } = await owner.client.webhooks.create.mutate({
    url,
    events: ["project.member_added"],
    projectId: project.id,
  });
  const addMember = async () => {
    const member = await signUp(api, "Member");
    await owner.client.projects.members.add.mutate({
      projectId: project.id,
      userId: member.id,
      role: "viewer",
    });
    return member;
  };
  return { owner, project, endpoint, secret, addMember };
}

async function delivery(endpointId: string) {
  const { rows } = await api.sql.query<{
    id: string;
    status: string;
    attempts: number;
    response_status: number | null;
  }>(
    "SELECT id, status::text, attempts, response_status FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at DESC LIMIT 1",
    [endpointId],
  );
  return rows[0] ?? null;
}

function verifies(request: ReceivedWebhook, secret: string): boolean {
  return verifyWebhookSignature({
    secret,
    signature: String(request.headers["webhook-signature"]),
    timestamp: String(request.headers["webhook-timestamp"]),
    body: request.body,
  });
}

describe("webhook deliveries", () => {
  it("sends each subscribed event once, signed, and logs the answer", async () => {
    const hook = await receiver({ status: 200, body: "thanks" });
    const { endpoint, secret, addMember, project, owner } = await projectHook(hook.url());
    const member = await addMember();
    const [request] = await hook.waitFor(1);
    expect(request).toBeDefined();
    if (!request) return;
    expect(verifies(request, secret)).toBe(true);
    expect(verifies(request, "whsec_someone-else")).toBe(false);
    const body = JSON.parse(request.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: request.headers["webhook-id"],
      event: "project.member_added",
      data: { projectId: project.id, userId: member.id, role: "viewer" },
    });
    expect(request.headers["webhook-event"]).toBe("project.member_added");
    await expect.poll(() => delivery(endpoint.id)).toMatchObject({ status: "succeeded" });
    const page = await owner.client.webhooks.deliveries.list.query({ endpointId: endpoint.id });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id: request.headers["webhook-id"],
      status: "succeeded",
      attempts: 1,
      responseStatus: 200,
      responseBody: "thanks",
    });
    expect(page.items[0]?.responseTimeMs).toBeGreaterThanOrEqual(0);
  });

  it("retries after a 500 and a time-out, backing off, under the same id", async () => {
    const hook = await receiver({ status: 500, body: "down" }, "hang", { status: 204 });
    const { endpoint, secret, addMember } = await projectHook(hook.url());
    await addMember();
    const requests = await hook.waitFor(3, 30_000);
    await expect
      .poll(() => delivery(endpoint.id), { timeout: 10_000 })
      .toMatchObject({
        status: "succeeded",
        attempts: 3,
        response_status: 204,
      });
    const ids = new Set(requests.map((r) => r.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    expect(requests.every((r) => verifies(r, secret))).toBe(true);
    const [first, second, third] = requests.map((r) => r.at) as [number, number, number];
    // Back-off with jitter: at least 1 s, then at least 2 s (plus the 0.5 s time-out).
    expect(second - first).toBeGreaterThanOrEqual(900);
    expect(third - second).toBeGreaterThanOrEqual(1_900);
    expect(hook.received).toHaveLength(3);
  }, 40_000);

  it("disables an endpoint after repeated failures and tells its owner", async () => {
    const hook = await receiver({ status: 503 });
    const { endpoint, addMember, owner } = await projectHook(hook.url());
    await addMember();
    await expect
      .poll(() => delivery(endpoint.id), { timeout: 20_000 })
      .toMatchObject({ status: "failed", attempts: 3 });
    const after = await owner.client.webhooks.get.query({ id: endpoint.id });
    expect(after).toMatchObject({ enabled: false, consecutiveFailures: 3 });
    expect(after.disabledAt).toBeInstanceOf(Date);
    const notes = await owner.client.notifications.list.query({});
    expect(notes.items.map((n) => n.kind)).toContain("webhook.disabled");
    // Disabled: a new event is not sent, and a ping is refused.
    const sent = hook.received.length;
    await addMember();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(hook.received).toHaveLength(sent);
    await expect(owner.client.webhooks.ping.mutate({ id: endpoint.id })).rejects.toMatchObject({
      data: { code: "PRECONDITION_FAILED" },
    });
    // Enabled again, the count starts over.
    const enabled = await owner.client.webhooks.update.mutate({
      id: endpoint.id,
      data: { enabled: true },
    });
    expect(enabled).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledAt: null });
  }, 40_000);

  it("pings, redelivers with the same id, and signs with both secrets after a rotation", async () => {
    const hook = await receiver({ status: 200 });
    const { endpoint, secret, owner } = await projectHook(hook.url());
    await owner.client.webhooks.ping.mutate({ id: endpoint.id });
    const [ping] = await hook.waitFor(1);
    expect(ping?.headers["webhook-event"]).toBe("webhook.ping");
    await expect.poll(() => delivery(endpoint.id)).toMatchObject({ status: "succeeded" });

    const rotated = await owner.client.webhooks.rotateSecret.mutate({ id: endpoint.id });
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.endpoint.previousSecretExpiresAt).toBeInstanceOf(Date);
    await owner.client.webhooks.deliveries.redeliver.mutate({
      id: String(ping?.headers["webhook-id"]),
    });
    const [, again] = await hook.waitFor(2);
    expect(again?.headers["webhook-id"]).toBe(ping?.headers["webhook-id"]);
    expect(again?.body).toBe(ping?.body);
    expect(String(again?.headers["webhook-signature"]).split(", ")).toHaveLength(2);
    expect(again && verifies(again, rotated.secret)).toBe(true);
    expect(again && verifies(again, secret)).toBe(true);
    await expect
      .poll(() => delivery(endpoint.id))
      .toMatchObject({ status: "succeeded", attempts: 2 });
  }, 30_000);

  it("refuses at connection time an address the policy does not allow, sending nothing", async () => {
    const hook = await receiver({ status: 200 });
    const { project, owner } = await projectHook(hook.url());
    // Written past the API's check, as an endpoint registered before a policy change would be.
    const id = randomUUID();
    const sealed = sealWebhookSecret("whsec_x", id, readAuthEnv({}).encryptionKeys);
    await api.sql.query(
      `INSERT INTO webhook_endpoints (id, project_id, url, events, secret, updated_at)
       VALUES ($1, $2, $3, '{project.member_added}', $4, now())`,
      [id, project.id, `http://[::1]:${hook.port}/hook`, sealed],
    );
    const before = hook.received.length;
    const member = await signUp(api, "Member");
    await owner.client.projects.members.add.mutate({
      projectId: project.id,
      userId: member.id,
      role: "viewer",
    });
    await expect
      .poll(() => delivery(id), { timeout: 10_000 })
      .toMatchObject({
        status: "failed",
        attempts: 1,
      });
    const { rows } = await api.sql.query<{ last_error: string }>(
      "SELECT last_error FROM webhook_deliveries WHERE endpoint_id = $1",
      [id],
    );
    expect(rows[0]?.last_error).toMatch(/refused to connect to ::1/);
    // The project's own, allowed endpoint got its copy; nothing reached the refused one's address.
    await hook.waitFor(before + 1);
    expect(hook.received.filter((r) => r.path === "/hook")).toHaveLength(before + 1);
  });

  it("sends installation-wide endpoints every project's events", async () => {
    const admin = await signInAdmin(api);
    const hook = await receiver({ status: 200 });
    const { endpoint } = await admin.client.webhooks.create.mutate({
      url: hook.url("/all"),
      events: ["project.member_added"],
    });
    const { addMember, project } = await projectHook(hook.url("/project"));
    await addMember();
    // Only this project's event counts: an event of an earlier test dispatched
    // after the endpoint was made reaches it too.
    const ofProject = () =>
      hook.received.filter((r) => r.body.includes(project.id)).map((r) => r.path);
    await expect.poll(() => ofProject().sort(), { timeout: 20_000 }).toEqual(["/all", "/project"]);
    await admin.client.webhooks.delete.mutate({ id: endpoint.id });
  });
});
