import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, signInAdmin, signUp, startApi, type TestApi } from "@fastnext/test-support";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

const hookUrl = () => `https://hooks.example.com/${randomUUID()}`;

async function endpointCount(): Promise<number> {
  const { rows } = await api.sql.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM webhook_endpoints",
  );
  return rows[0]?.n ?? 0;
}

/** A project with an owner, an editor and an outsider. */
async function team() {
  const owner = await signUp(api, "Owner");
  const editor = await signUp(api, "Editor");
  const outsider = await signUp(api, "Outsider");
  const project = await owner.client.projects.create.mutate({ name: `Hooks ${randomUUID()}` });
  await owner.client.projects.members.add.mutate({
    projectId: project.id,
    userId: editor.id,
    role: "editor",
  });
  return { owner, editor, outsider, project };
}

describe("webhook endpoints: who may manage them", () => {
  it("installation-wide endpoints need webhook.manage", async () => {
    const admin = await signInAdmin(api);
    const member = await signUp(api, "Member");
    const before = await endpointCount();
    const refused = await failure(
      member.client.webhooks.create.mutate({ url: hookUrl(), events: ["user.registered"] }),
    );
    expect(refused.data).toMatchObject({ code: "FORBIDDEN" });
    expect(await endpointCount()).toBe(before);

    const { endpoint, secret } = await admin.client.webhooks.create.mutate({
      url: hookUrl(),
      events: ["user.registered"],
      description: "all sign-ups",
    });
    expect(secret).toMatch(/^whsec_/);
    expect(endpoint).toMatchObject({ projectId: null, enabled: true, consecutiveFailures: 0 });
    expect(await endpointCount()).toBe(before + 1);
    // Not visible to a member, whose list is empty and whose get is NOT_FOUND.
    expect((await member.client.webhooks.list.query({})).items).toEqual([]);
    const hidden = await failure(member.client.webhooks.get.query({ id: endpoint.id }));
    expect(hidden.data).toMatchObject({ code: "NOT_FOUND" });
  });

  it("a project's owners manage its endpoints; other members and outsiders do not", async () => {
    const { owner, editor, outsider, project } = await team();
    const input = { url: hookUrl(), events: ["project.member_added"], projectId: project.id };
    const before = await endpointCount();
    expect((await failure(editor.client.webhooks.create.mutate(input))).data).toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await failure(outsider.client.webhooks.create.mutate(input))).data).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await endpointCount()).toBe(before);

    const { endpoint } = await owner.client.webhooks.create.mutate(input);
    const id = endpoint.id;
    for (const caller of [editor, outsider]) {
      // Thunks: each call starts only when its refusal is awaited.
      const calls = [
        () => caller.client.webhooks.get.query({ id }),
        () => caller.client.webhooks.update.mutate({ id, data: { enabled: false } }),
        () => caller.client.webhooks.delete.mutate({ id }),
        () => caller.client.webhooks.rotateSecret.mutate({ id }),
        () => caller.client.webhooks.ping.mutate({ id }),
        () => caller.client.webhooks.deliveries.list.query({ endpointId: id }),
      ];
      for (const call of calls)
        expect((await failure(call())).data).toMatchObject({ code: "NOT_FOUND" });
    }
    const listed = await owner.client.webhooks.list.query({ projectId: project.id });
    expect(listed.items.map((e) => e.id)).toEqual([id]);
    expect(
      (await failure(outsider.client.webhooks.list.query({ projectId: project.id }))).data,
    ).toMatchObject({ code: "NOT_FOUND" });
    // Nothing the others tried changed it.
    expect(await owner.client.webhooks.get.query({ id })).toMatchObject({ enabled: true });

    const admin = await signInAdmin(api);
    expect((await admin.client.webhooks.get.query({ id })).projectId).toBe(project.id);
    await owner.client.webhooks.delete.mutate({ id });
    expect((await failure(owner.client.webhooks.get.query({ id }))).data).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("webhook endpoints: what is accepted", () => {
  it.each([
    ["a private address", { url: "http://10.0.0.8/hook" }, "url"],
    ["loopback", { url: "http://127.0.0.1:9000/hook" }, "url"],
    ["link-local", { url: "http://169.254.169.254/latest" }, "url"],
    ["IPv6 loopback", { url: "http://[::1]/hook" }, "url"],
    ["localhost", { url: "http://localhost:3000/hook" }, "url"],
    ["another scheme", { url: "ftp://hooks.example.com/x" }, "url"],
    ["credentials in the address", { url: "https://me:pw@hooks.example.com/x" }, "url"],
    ["an unknown event", { events: ["project.exploded"] }, "events"],
    ["the webhooks' own requests", { events: ["webhook.ping_requested"] }, "events"],
    ["no events", { events: [] }, "events"],
  ])("refuses %s with a field error and writes nothing", async (_name, change, field) => {
    const admin = await signInAdmin(api);
    const before = await endpointCount();
    const refused = await failure(
      admin.client.webhooks.create.mutate({
        url: hookUrl(),
        events: ["user.registered"],
        ...change,
      }),
    );
    expect(refused.data).toMatchObject({ code: "BAD_REQUEST" });
    expect(Object.keys(refused.data?.fieldErrors ?? {})).toContain(field);
    expect(await endpointCount()).toBe(before);
  });

  it("refuses an update to a non-public address and keeps the old one", async () => {
    const admin = await signInAdmin(api);
    const url = hookUrl();
    const { endpoint } = await admin.client.webhooks.create.mutate({
      url,
      events: ["user.registered"],
    });
    const refused = await failure(
      admin.client.webhooks.update.mutate({
        id: endpoint.id,
        data: { url: "http://192.168.0.1/" },
      }),
    );
    expect(refused.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { url: expect.any(Array) },
    });
    expect((await admin.client.webhooks.get.query({ id: endpoint.id })).url).toBe(url);
  });
});

describe("webhook secrets", () => {
  it("are stored sealed, never readable by the application role, and rotated with a grace period", async () => {
    const admin = await signInAdmin(api);
    const { endpoint, secret } = await admin.client.webhooks.create.mutate({
      url: hookUrl(),
      events: ["user.registered"],
    });
    const stored = async () =>
      (
        await api.sql.query<{ secret: string; previous_secret: string | null }>(
          "SELECT secret, previous_secret FROM webhook_endpoints WHERE id = $1",
          [endpoint.id],
        )
      ).rows[0];
    const sealed = await stored();
    expect(sealed?.secret).toMatch(/^v2\./);
    expect(sealed?.secret).not.toContain(secret);

    const app = new pg.Client({ connectionString: api.db.appUrl });
    await app.connect();
    try {
      await expect(app.query("SELECT secret FROM webhook_endpoints")).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await app.end();
    }

    const rotated = await admin.client.webhooks.rotateSecret.mutate({ id: endpoint.id });
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.endpoint.previousSecretExpiresAt?.getTime()).toBeGreaterThan(
      Date.now() + 23 * 3600_000,
    );
    const after = await stored();
    expect(after?.previous_secret).toBe(sealed?.secret);
    expect(after?.secret).not.toBe(sealed?.secret);
  });

  it("a ping is only recorded in the request: the worker sends it", async () => {
    const admin = await signInAdmin(api);
    const { endpoint } = await admin.client.webhooks.create.mutate({
      url: hookUrl(),
      events: ["user.registered"],
    });
    await admin.client.webhooks.ping.mutate({ id: endpoint.id });
    const { rows } = await api.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM domain_events WHERE name = 'webhook.ping_requested' AND payload->>'endpointId' = $1",
      [endpoint.id],
    );
    expect(rows[0]?.n).toBe(1);
    const missing = await failure(
      admin.client.webhooks.deliveries.redeliver.mutate({ id: randomUUID() }),
    );
    expect(missing.data).toMatchObject({ code: "NOT_FOUND" });
  });
});
