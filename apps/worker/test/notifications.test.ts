import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { withScope } from "@fastnext/db";
import { createSmtpMailer } from "@fastnext/email";
import {
  emitEvent,
  NOTIFICATION_CHANNEL,
  type EventName,
  type EventPayload,
} from "@fastnext/events";
import { signInAdmin, signUp, type TestApi } from "@fastnext/test-support";

import { createLinks, HandlerRegistry, type WorkerContext } from "../src/handlers";
import { MessageInFlightError, runHandler } from "../src/runner";
import {
  quietLogger,
  startWorkerStack,
  testWebhooks,
  tokenFrom,
  type InProcessWorker,
  type TestSmtp,
  type WorkerStack,
  handled,
  notificationsOf,
} from "./support";

let stack: WorkerStack;
let api: TestApi;
let smtp: TestSmtp;
let worker: InProcessWorker;

beforeAll(async () => {
  stack = await startWorkerStack();
  ({ api, smtp, worker } = stack);
});
afterAll(() => stack.close());

type Person = Awaited<ReturnType<typeof signUp>>;

async function setSettings(person: Person, settings: unknown): Promise<void> {
  await api.sql.query("UPDATE users SET settings = $2 WHERE id = $1", [
    person.id,
    JSON.stringify(settings),
  ]);
}

/** A project with members and one workflow instance, arranged directly in the database. */
async function arrangeProject(
  members: { person: Person; role: "owner" | "editor" | "viewer" }[],
  assignee: Person | null,
) {
  const projectId = randomUUID();
  const typeId = randomUUID();
  const templateId = randomUUID();
  const instanceId = randomUUID();
  await api.sql.query(
    "INSERT INTO projects (id, name, updated_at) VALUES ($1, 'Sales <EU>', now())",
    [projectId],
  );
  for (const { person, role } of members) {
    await api.sql.query(
      "INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, $3)",
      [projectId, person.id, role],
    );
  }
  await api.sql.query(
    "INSERT INTO workflow_types (id, key, name, updated_at) VALUES ($1, $2, 'Order', now())",
    [typeId, `order_${typeId.slice(0, 8)}`],
  );
  await api.sql.query(
    `INSERT INTO workflow_templates (id, type_id, key, version, name, status, definition, updated_at)
     VALUES ($1, $2, $3, 1, 'Order', 'published', '{}', now())`,
    [templateId, typeId, `order_${templateId.slice(0, 8)}`],
  );
  await api.sql.query(
    `INSERT INTO workflow_instances (id, project_id, template_id, title, data, state, assignee_id, updated_at)
     VALUES ($1, $2, $3, 'Order 42', '{}', 'submitted', $4, now())`,
    [instanceId, projectId, templateId, assignee?.id ?? null],
  );
  return { projectId, instanceId };
}

/** Raises an event the way a service does: emitEvent in the app role's transaction acting as `actor`. */
function raise<N extends EventName>(
  actor: Person,
  name: N,
  payload: EventPayload<N>,
): Promise<string> {
  return withScope(api.deps.pool, { userId: actor.id, permissions: [] }, (tx) =>
    emitEvent(tx, name, payload),
  );
}

describe("workflow notifications", () => {
  it("tell the assignee and the owners, never the actor, each as their settings choose", async () => {
    const olga = await signUp(api, "Olga");
    const ann = await signUp(api, "Ann");
    const max = await signUp(api, "Max");
    const vic = await signUp(api, "Vic");
    await setSettings(olga, { notifications: { "workflow.assigned": { email: false } } });
    const { projectId, instanceId } = await arrangeProject(
      [
        { person: olga, role: "owner" },
        { person: max, role: "owner" },
        { person: ann, role: "editor" },
        { person: vic, role: "viewer" },
      ],
      ann,
    );

    const eventId = await raise(max, "workflow.assigned", {
      instanceId,
      projectId,
      assigneeId: ann.id,
    });
    await expect
      .poll(() => handled(api, eventId), { timeout: 10_000 })
      .toEqual(["mail.workflow_assigned", "notify.workflow_assigned"]);
    const rows = await notificationsOf(api, eventId);
    expect(rows.map((r) => r.user_id).sort()).toEqual([ann.id, olga.id].sort());
    const forAnn = rows.find((r) => r.user_id === ann.id);
    expect(forAnn).toMatchObject({
      kind: "workflow.assigned",
      title: "You were assigned “Order 42”",
      body: "Max assigned “Order 42” in Sales <EU> to you.",
      data: { projectId, instanceId },
    });
    expect(rows.find((r) => r.user_id === olga.id)?.title).toBe("“Order 42” was assigned to Ann");

    // E-mail: Ann yes; Olga turned it off for this kind; Max acted; Vic is no owner.
    await expect
      .poll(() => smtp.to(ann.email).filter((m) => m.mail.subject?.includes("Order 42")).length)
      .toBe(1);
    const mail = smtp.to(ann.email).find((m) => m.mail.subject?.includes("Order 42"));
    expect(mail?.mail.html).toContain("Sales &lt;EU&gt;");
    expect(mail?.mail.text).toContain(
      `https://app.example.com/projects/${projectId}/instances/${instanceId}`,
    );
    for (const other of [olga, max, vic]) {
      expect(smtp.to(other.email).filter((m) => m.mail.subject?.includes("Order 42"))).toEqual([]);
    }
  });

  it("tell the current assignee when the instance moves, and wake their subscriptions on commit", async () => {
    const olga = await signUp(api, "Olga");
    const ann = await signUp(api, "Ann");
    // No settings saved: the defaults apply (transitions in the app, not by e-mail).
    const { projectId, instanceId } = await arrangeProject([{ person: olga, role: "owner" }], ann);

    const listener = new pg.Client({ connectionString: api.db.appUrl });
    await listener.connect();
    const woken: string[] = [];
    listener.on("notification", (message) => woken.push(message.payload ?? ""));
    await listener.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
    try {
      const eventId = await raise(olga, "workflow.transitioned", {
        instanceId,
        projectId,
        transitionKey: "approve",
        fromState: "submitted",
        toState: "approved",
        historyId: randomUUID(),
      });
      await expect
        .poll(() => notificationsOf(api, eventId), { timeout: 10_000 })
        .toEqual([
          expect.objectContaining({ user_id: ann.id, title: "“Order 42” moved to approved" }),
        ]);
      await expect.poll(() => woken, { timeout: 5_000 }).toContain(ann.id);
      expect(woken).not.toContain(olga.id);
      await expect.poll(() => handled(api, eventId), { timeout: 10_000 }).toHaveLength(2);
      expect(smtp.to(ann.email).filter((m) => m.mail.subject?.includes("moved"))).toEqual([]);
    } finally {
      await listener.end();
    }
  });
});

describe("membership and invitation notifications", () => {
  it("tell the new member (not when they added themself), in-app and by mail as chosen", async () => {
    const olga = await signUp(api, "Olga");
    const vic = await signUp(api, "Vic");
    await setSettings(vic, { notifications: { "project.member_added": { inApp: false } } });
    const { projectId } = await arrangeProject([{ person: olga, role: "owner" }], null);

    const added = await raise(olga, "project.member_added", {
      projectId,
      userId: vic.id,
      role: "viewer",
    });
    await expect.poll(() => handled(api, added), { timeout: 10_000 }).toHaveLength(2);
    expect(await notificationsOf(api, added)).toEqual([]);
    await expect
      .poll(() => smtp.to(vic.email).filter((m) => m.mail.subject?.includes("Sales")).length)
      .toBe(1);

    const self = await raise(olga, "project.member_added", {
      projectId,
      userId: olga.id,
      role: "owner",
    });
    await expect.poll(() => handled(api, self), { timeout: 10_000 }).toHaveLength(2);
    expect(await notificationsOf(api, self)).toEqual([]);
  });

  it("send the invitation with a working link to choose a password, and an in-app welcome", async () => {
    const admin = await signInAdmin(api);
    const email = `guest-${Date.now()}@example.com`;
    const created = await admin.client.admin.users.create.mutate({
      email,
      name: "Guest",
      sendInvitation: true,
    });
    const { rows } = await api.sql.query<{ id: string }>(
      "SELECT id FROM domain_events WHERE name = 'user.invited' AND payload->>'userId' = $1",
      [created.id],
    );
    const eventId = rows[0]?.id ?? "";
    await expect
      .poll(() => handled(api, eventId), { timeout: 10_000 })
      .toEqual(["mail.invitation", "notify.user_invited"]);
    expect(await notificationsOf(api, eventId)).toEqual([
      expect.objectContaining({
        user_id: created.id,
        kind: "user.invited",
        title: "Welcome to FastNext",
      }),
    ]);
    const invitations = smtp
      .to(email)
      .filter((m) => m.mail.subject?.endsWith("invited you to FastNext"));
    expect(invitations).toHaveLength(1);
    const mail = invitations[0]?.mail;
    if (!mail) throw new Error("no invitation");
    expect(mail.text).toContain("for the next 7 days");

    // Nobody knows the invited account's password until the link sets one.
    const token = tokenFrom(mail);
    await api.client().auth.resetPassword.mutate({ token, password: "chosen from the invitation" });
    expect(
      await api.client().auth.login.mutate({ email, password: "chosen from the invitation" }),
    ).toMatchObject({ status: "signed_in" });
  });
});

describe("a handler that runs more than once", () => {
  it("has the effect of once, even run concurrently", async () => {
    const olga = await signUp(api, "Olga");
    const guest = await signUp(api, "Guest");
    // Written straight into the log, so no queued job competes with this test.
    const eventId = randomUUID();
    await api.sql.query(
      "INSERT INTO domain_events (id, name, payload, actor_id) VALUES ($1, 'user.invited', $2, $3)",
      [eventId, JSON.stringify({ userId: guest.id, invitedById: olga.id }), olga.id],
    );
    const mailer = createSmtpMailer({
      from: "a@example.com",
      smtp: {
        host: "127.0.0.1",
        port: smtp.port,
        secure: false,
        user: undefined,
        password: undefined,
      },
      timeoutMs: 5_000,
    });
    const ctx: WorkerContext = {
      db: worker.db,
      mailer,
      links: createLinks("https://app.example.com"),
      log: quietLogger().logger,
      mailLeaseSeconds: 30,
      webhooks: testWebhooks,
      sending: new Set(),
    };
    const registry = new HandlerRegistry();
    const inApp = registry.get("notify.user_invited");
    const invitation = registry.get("mail.invitation");
    if (!inApp || !invitation) throw new Error("handlers missing");

    const inAppRuns = await Promise.all([1, 2, 3].map(() => runHandler(inApp, eventId, ctx)));
    expect(inAppRuns.filter((r) => r === "done")).toHaveLength(1);
    expect(inAppRuns.filter((r) => r === "already_done")).toHaveLength(2);
    expect(await notificationsOf(api, eventId)).toHaveLength(1);

    const mailRuns = await Promise.allSettled(
      [1, 2, 3].map(() => runHandler(invitation, eventId, ctx)),
    );
    // A run that found another sending the message backs off (and would be retried by the queue).
    for (const run of mailRuns) {
      if (run.status === "rejected") expect(run.reason).toBeInstanceOf(MessageInFlightError);
    }
    expect(await runHandler(invitation, eventId, ctx)).toMatch(/done/);
    expect(await runHandler(invitation, eventId, ctx)).toBe("already_done");
    await mailer.close();
    expect(
      smtp.to(guest.email).filter((m) => m.mail.subject?.includes("invited you")),
    ).toHaveLength(1);
    expect(await handled(api, eventId)).toEqual(["mail.invitation", "notify.user_invited"]);
  });
});
