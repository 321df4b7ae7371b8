import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { withScope } from "@fastnext/db";
import { emitEvent } from "@fastnext/events";
import { mentionToken } from "@fastnext/validators";
import { signUp, type TestApi } from "@fastnext/test-support";

import { HandlerRegistry } from "../src/handlers";
import { runHandler } from "../src/runner";
import {
  handlerContext,
  startWorkerStack,
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

/** A project with members, one instance and one comment on it, arranged directly in the database. */
async function arrangeComment(
  members: { person: Person; role: "owner" | "editor" | "viewer" }[],
  author: Person,
  body: string,
  mentioned: Person[],
) {
  const projectId = randomUUID();
  const typeId = randomUUID();
  const templateId = randomUUID();
  const instanceId = randomUUID();
  const commentId = randomUUID();
  await api.sql.query("INSERT INTO projects (id, name, updated_at) VALUES ($1, 'Sales', now())", [
    projectId,
  ]);
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
    `INSERT INTO workflow_instances (id, project_id, template_id, title, data, state, updated_at)
     VALUES ($1, $2, $3, 'Order 42', '{}', 'submitted', now())`,
    [instanceId, projectId, templateId],
  );
  await api.sql.query(
    `INSERT INTO workflow_comments (id, instance_id, project_id, author_id, body, mentioned_user_ids)
     VALUES ($1, $2, $3, $4, $5, $6::uuid[])`,
    [commentId, instanceId, projectId, author.id, body, mentioned.map((p) => p.id)],
  );
  return { projectId, instanceId, commentId };
}

const mentionMails = (person: Person) =>
  smtp.to(person.email).filter((m) => m.mail.subject?.includes("mentioned you"));

describe("mentions in a comment", () => {
  it("tell each mentioned member in the app and by e-mail as they chose, never the author", async () => {
    const olga = await signUp(api, "Olga");
    const ann = await signUp(api, "Ann");
    const vic = await signUp(api, "Vic");
    const max = await signUp(api, "Max");
    const gone = await signUp(api, "Gone");
    await api.sql.query("UPDATE users SET settings = $2 WHERE id = $1", [
      vic.id,
      JSON.stringify({ notifications: { "workflow.mentioned": { email: false } } }),
    ]);
    const body = `Please approve, ${mentionToken({ id: ann.id, name: "Ann" })} and ${mentionToken({ id: vic.id, name: "Vic" })} (cc ${mentionToken({ id: olga.id, name: "Olga" })})`;
    // Max was mentioned while a member and has left since; Gone left too.
    const { projectId, instanceId, commentId } = await arrangeComment(
      [
        { person: olga, role: "owner" },
        { person: ann, role: "editor" },
        { person: vic, role: "viewer" },
      ],
      olga,
      body,
      [ann, vic, olga, max, gone],
    );

    const eventId = await withScope(api.deps.pool, { userId: olga.id, permissions: [] }, (tx) =>
      emitEvent(tx, "workflow.commented", { commentId, instanceId, projectId }),
    );
    await expect
      .poll(() => handled(api, eventId), { timeout: 10_000 })
      .toEqual(["mail.workflow_mentioned", "notify.workflow_mentioned"]);

    const rows = await notificationsOf(api, eventId);
    expect(rows.map((r) => r.user_id).sort()).toEqual([ann.id, vic.id].sort());
    expect(rows.find((r) => r.user_id === ann.id)).toMatchObject({
      kind: "workflow.mentioned",
      title: "Olga mentioned you on “Order 42”",
      body: "Olga mentioned you in a comment on “Order 42” in Sales: “Please approve, @Ann and @Vic (cc @Olga)”",
      data: { projectId, instanceId, commentId },
    });

    // E-mail: Ann by default; Vic turned it off; Olga wrote it; Max and Gone are no members.
    await expect.poll(() => mentionMails(ann).length, { timeout: 10_000 }).toBe(1);
    expect(mentionMails(ann)[0]?.mail.text).toContain(
      `https://app.example.com/projects/${projectId}/instances/${instanceId}`,
    );
    for (const other of [vic, olga, max, gone]) expect(mentionMails(other)).toEqual([]);

    // A second run of the same event changes nothing.
    const inApp = new HandlerRegistry().get("notify.workflow_mentioned");
    if (!inApp) throw new Error("handler missing");
    expect(await runHandler(inApp, eventId, handlerContext(worker.db))).toBe("already_done");
    expect(await notificationsOf(api, eventId)).toHaveLength(2);
  });

  it("tell, after an edit, only the members it mentions for the first time", async () => {
    const olga = await signUp(api, "Olga");
    const ann = await signUp(api, "Ann");
    const vic = await signUp(api, "Vic");
    const body = `Now ${mentionToken({ id: ann.id, name: "Ann" })} and ${mentionToken({ id: vic.id, name: "Vic" })}`;
    const { projectId, instanceId, commentId } = await arrangeComment(
      [
        { person: olga, role: "owner" },
        { person: ann, role: "editor" },
        { person: vic, role: "viewer" },
      ],
      olga,
      body,
      [ann, vic],
    );
    const eventId = await withScope(api.deps.pool, { userId: olga.id, permissions: [] }, (tx) =>
      emitEvent(tx, "workflow.comment_edited", {
        commentId,
        instanceId,
        projectId,
        addedMentionIds: [vic.id],
      }),
    );
    await expect
      .poll(() => handled(api, eventId), { timeout: 10_000 })
      .toEqual(["mail.workflow_mentioned_by_edit", "notify.workflow_mentioned_by_edit"]);
    expect((await notificationsOf(api, eventId)).map((n) => n.user_id)).toEqual([vic.id]);
    await expect.poll(() => mentionMails(vic).length, { timeout: 10_000 }).toBe(1);
    expect(mentionMails(ann)).toEqual([]);
  });

  it("tell nobody when the comment was deleted before the worker got to it", async () => {
    const olga = await signUp(api, "Olga");
    const ann = await signUp(api, "Ann");
    const { projectId, instanceId, commentId } = await arrangeComment(
      [
        { person: olga, role: "owner" },
        { person: ann, role: "editor" },
      ],
      olga,
      `Hi ${mentionToken({ id: ann.id, name: "Ann" })}`,
      [ann],
    );
    await api.sql.query("DELETE FROM workflow_comments WHERE id = $1", [commentId]);
    const eventId = await withScope(api.deps.pool, { userId: olga.id, permissions: [] }, (tx) =>
      emitEvent(tx, "workflow.commented", { commentId, instanceId, projectId }),
    );
    await expect.poll(() => handled(api, eventId), { timeout: 10_000 }).toHaveLength(2);
    expect(await notificationsOf(api, eventId)).toEqual([]);
    expect(mentionMails(ann)).toEqual([]);
  });
});
