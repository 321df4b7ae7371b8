import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { mentionToken } from "@fastnext/validators";
import { failure, signInAdmin, signUp, startApi, type TestApi } from "@fastnext/test-support";

import {
  countRows,
  countStatements,
  projectWithTeam,
  publishedTemplate,
} from "./workflow-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

async function started(visibility: "private" | "internal" = "private") {
  const team = await projectWithTeam(api, visibility);
  const { key } = await publishedTemplate(api);
  const instance = await team.editor.client.workflows.instances.create.mutate({
    projectId: team.project.id,
    templateKey: key,
    title: "Desk",
    data: { amount: 500, category: "office" },
  });
  return { ...team, instance };
}

async function eventsOf(name: string, commentId: string) {
  const { rows } = await api.sql.query<{ payload: Record<string, unknown>; actor_id: string }>(
    "SELECT payload, actor_id FROM domain_events WHERE name = $1 AND payload->>'commentId' = $2",
    [name, commentId],
  );
  return rows;
}

async function activityOf(commentId: string) {
  const { rows } = await api.sql.query<{ action: string; actor_id: string }>(
    "SELECT action, actor_id FROM activities WHERE entity_id = $1 ORDER BY created_at, id",
    [commentId],
  );
  return rows;
}

describe("commenting", () => {
  it("writes the comment, keeps member mentions only, with its activity entry and event", async () => {
    const { instance, owner, editor, outsider, project } = await started();
    const body = `  Can you check, ${mentionToken({ id: editor.id, name: "Editor" })}? ${mentionToken({ id: outsider.id, name: "Outsider" })} too  `;
    const comment = await owner.client.workflows.comments.create.mutate({
      instanceId: instance.id,
      body,
    });
    expect(comment).toMatchObject({
      instanceId: instance.id,
      projectId: project.id,
      authorId: owner.id,
      body: body.trim(),
      mentionedUserIds: [editor.id],
      editedAt: null,
    });
    expect(await eventsOf("workflow.commented", comment.id)).toEqual([
      {
        actor_id: owner.id,
        payload: { commentId: comment.id, instanceId: instance.id, projectId: project.id },
      },
    ]);
    expect(await activityOf(comment.id)).toEqual([
      { action: "workflow_comment.create", actor_id: owner.id },
    ]);
    const listed = await editor.client.workflows.comments.list.query({ instanceId: instance.id });
    expect(listed).toEqual({ items: [comment], nextCursor: null });
  });

  it("lets a viewer comment, and pages comments oldest first", async () => {
    const { instance, viewer, owner } = await started();
    const written = [];
    for (const text of ["one", "two", "three"]) {
      written.push(
        await viewer.client.workflows.comments.create.mutate({
          instanceId: instance.id,
          body: text,
        }),
      );
    }
    const first = await owner.client.workflows.comments.list.query({
      instanceId: instance.id,
      limit: 2,
    });
    expect(first.items.map((c) => c.body)).toEqual(["one", "two"]);
    const rest = await owner.client.workflows.comments.list.query({
      instanceId: instance.id,
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(rest).toEqual({ items: [written[2]], nextCursor: null });
  });

  it("answers a retry with the same idempotency key with the first comment", async () => {
    const { instance, editor } = await started();
    const input = { instanceId: instance.id, body: "Once", idempotencyKey: crypto.randomUUID() };
    const first = await editor.client.workflows.comments.create.mutate(input);
    const again = await editor.client.workflows.comments.create.mutate(input);
    expect(again).toEqual(first);
    expect(await countRows(api, "workflow_comments", "instance_id", instance.id)).toBe(1);
  });

  it("refuses a blank or too long body with a field error, writing nothing", async () => {
    const { instance, editor } = await started();
    for (const body of ["   ", "x".repeat(5001)]) {
      const error = await failure(
        editor.client.workflows.comments.create.mutate({ instanceId: instance.id, body }),
      );
      expect(error.data?.code).toBe("BAD_REQUEST");
      expect(Object.keys(error.data?.fieldErrors ?? {})).toEqual(["body"]);
    }
    expect(await countRows(api, "workflow_comments", "instance_id", instance.id)).toBe(0);
    const { rows } = await api.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM domain_events WHERE name = 'workflow.commented' AND payload->>'instanceId' = $1",
      [instance.id],
    );
    expect(rows[0]?.n).toBe(0);
  });

  it("is FORBIDDEN to a reader who is not a member (internal project), who still reads", async () => {
    const { instance, owner } = await started("internal");
    const reader = await signUp(api, "Reader");
    await owner.client.workflows.comments.create.mutate({ instanceId: instance.id, body: "Hi" });
    const error = await failure(
      reader.client.workflows.comments.create.mutate({ instanceId: instance.id, body: "Me too" }),
    );
    expect(error.data).toMatchObject({ code: "FORBIDDEN", reason: "comment_not_allowed" });
    const listed = await reader.client.workflows.comments.list.query({ instanceId: instance.id });
    expect(listed.items.map((c) => c.body)).toEqual(["Hi"]);
    expect(await countRows(api, "workflow_comments", "instance_id", instance.id)).toBe(1);
  });
});

describe("editing and deleting", () => {
  it("the author edits their comment: new text, new mentions, editedAt, activity and event", async () => {
    const { instance, editor, viewer, owner } = await started();
    const ownerMention = mentionToken({ id: owner.id, name: "Owner" });
    const comment = await editor.client.workflows.comments.create.mutate({
      instanceId: instance.id,
      body: `Draft for ${ownerMention}`,
    });
    const edited = await editor.client.workflows.comments.update.mutate({
      id: comment.id,
      data: {
        body: `Final for ${ownerMention}, ${mentionToken({ id: viewer.id, name: "Viewer" })}`,
      },
    });
    expect(new Set(edited.mentionedUserIds)).toEqual(new Set([owner.id, viewer.id]));
    expect(edited.editedAt).toBeInstanceOf(Date);
    // Only the member the edit mentions for the first time is named to be told.
    const [event, ...more] = await eventsOf("workflow.comment_edited", comment.id);
    expect(more).toEqual([]);
    expect(event?.payload).toMatchObject({ commentId: comment.id, addedMentionIds: [viewer.id] });
    expect((await activityOf(comment.id)).map((a) => a.action)).toEqual([
      "workflow_comment.create",
      "workflow_comment.update",
    ]);
  });

  it("the author deletes their comment: gone, with activity and event", async () => {
    const { instance, editor, owner } = await started();
    const comment = await editor.client.workflows.comments.create.mutate({
      instanceId: instance.id,
      body: "Oops",
    });
    expect(await editor.client.workflows.comments.delete.mutate({ id: comment.id })).toEqual({
      ok: true,
    });
    expect(await countRows(api, "workflow_comments", "id", comment.id)).toBe(0);
    expect(await eventsOf("workflow.comment_deleted", comment.id)).toHaveLength(1);
    expect((await activityOf(comment.id)).map((a) => a.action)).toEqual([
      "workflow_comment.create",
      "workflow_comment.delete",
    ]);
    const error = await failure(owner.client.workflows.comments.delete.mutate({ id: comment.id }));
    expect(error.data?.code).toBe("NOT_FOUND");
  });

  it("another member, even the project's owner, may neither edit nor delete it", async () => {
    const { instance, editor, owner, viewer } = await started();
    const comment = await editor.client.workflows.comments.create.mutate({
      instanceId: instance.id,
      body: "Mine",
    });
    for (const member of [owner, viewer]) {
      const edit = await failure(
        member.client.workflows.comments.update.mutate({
          id: comment.id,
          data: { body: "Yours now" },
        }),
      );
      expect(edit.data).toMatchObject({ code: "FORBIDDEN", reason: "comment_not_author" });
      const remove = await failure(
        member.client.workflows.comments.delete.mutate({ id: comment.id }),
      );
      expect(remove.data).toMatchObject({ code: "FORBIDDEN", reason: "comment_not_author" });
    }
    const [kept] = (await owner.client.workflows.comments.list.query({ instanceId: instance.id }))
      .items;
    expect(kept).toEqual(comment);
    expect(await activityOf(comment.id)).toHaveLength(1);
  });
});

describe("after membership ends, and for project.manage_all", () => {
  it("an author who left an internal project still reads, but may no longer edit", async () => {
    const { instance, editor, owner, project } = await started("internal");
    const comment = await editor.client.workflows.comments.create.mutate({
      instanceId: instance.id,
      body: "Before I go",
    });
    await owner.client.projects.members.remove.mutate({
      projectId: project.id,
      userId: editor.id,
    });
    const error = await failure(
      editor.client.workflows.comments.update.mutate({
        id: comment.id,
        data: { body: "After I left" },
      }),
    );
    expect(error.data).toMatchObject({ code: "FORBIDDEN", reason: "comment_not_allowed" });
    const [kept] = (await editor.client.workflows.comments.list.query({ instanceId: instance.id }))
      .items;
    expect(kept?.body).toBe("Before I go");
  });

  it("project.manage_all comments without membership and deletes anyone's, but rewrites nobody's", async () => {
    const { instance, editor } = await started();
    const admin = await signInAdmin(api);
    const own = await admin.client.workflows.comments.create.mutate({
      instanceId: instance.id,
      body: "Moderator here",
    });
    expect(own.body).toBe("Moderator here");
    const comment = await editor.client.workflows.comments.create.mutate({
      instanceId: instance.id,
      body: "Spam",
    });
    const edit = await failure(
      admin.client.workflows.comments.update.mutate({
        id: comment.id,
        data: { body: "Not spam" },
      }),
    );
    expect(edit.data).toMatchObject({ code: "FORBIDDEN", reason: "comment_not_author" });
    expect(await admin.client.workflows.comments.delete.mutate({ id: comment.id })).toEqual({
      ok: true,
    });
    expect(await countRows(api, "workflow_comments", "id", comment.id)).toBe(0);
  });
});

describe("outsiders", () => {
  it("get NOT_FOUND from every procedure, and nothing is written", async () => {
    const { instance, editor, outsider } = await started();
    const comment = await editor.client.workflows.comments.create.mutate({
      instanceId: instance.id,
      body: "Private",
    });
    const calls = [
      () => outsider.client.workflows.comments.list.query({ instanceId: instance.id }),
      () => outsider.client.workflows.instances.timeline.query({ instanceId: instance.id }),
      () =>
        outsider.client.workflows.comments.create.mutate({ instanceId: instance.id, body: "Hi" }),
      () =>
        outsider.client.workflows.comments.update.mutate({
          id: comment.id,
          data: { body: "Mine" },
        }),
      () => outsider.client.workflows.comments.delete.mutate({ id: comment.id }),
    ];
    for (const call of calls) expect((await failure(call())).data?.code).toBe("NOT_FOUND");
    expect(await countRows(api, "workflow_comments", "instance_id", instance.id)).toBe(1);
    expect(await activityOf(comment.id)).toHaveLength(1);
  });

  it("signed out is UNAUTHORIZED", async () => {
    const { instance } = await started();
    const error = await failure(
      api.client().workflows.comments.create.mutate({ instanceId: instance.id, body: "Hi" }),
    );
    expect(error.data?.code).toBe("UNAUTHORIZED");
  });
});

describe("the timeline", () => {
  it("merges transitions and comments in the order they happened, paged without gaps", async () => {
    const { instance, editor, owner } = await started();
    await editor.client.workflows.comments.create.mutate({ instanceId: instance.id, body: "a" });
    await editor.client.workflows.instances.transition.mutate({
      instanceId: instance.id,
      transitionKey: "submit",
      expectedVersion: 1,
    });
    await owner.client.workflows.comments.create.mutate({ instanceId: instance.id, body: "b" });
    await owner.client.workflows.instances.transition.mutate({
      instanceId: instance.id,
      transitionKey: "approve",
      expectedVersion: 2,
    });
    await editor.client.workflows.comments.create.mutate({ instanceId: instance.id, body: "c" });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await owner.client.workflows.instances.timeline.query({
        instanceId: instance.id,
        limit: 2,
        cursor,
      });
      pages += 1;
      for (const entry of page.items) {
        seen.push(
          entry.kind === "comment"
            ? `comment ${entry.comment.body}`
            : `to ${entry.transition.toState}`,
        );
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      "to draft",
      "comment a",
      "to submitted",
      "comment b",
      "to approved",
      "comment c",
    ]);
    expect(pages).toBe(3);
  });
});

describe("reading cost", () => {
  it("uses the same number of statements for a timeline page of 5 and of 50", async () => {
    const { instance, editor, owner } = await started();
    for (let i = 0; i < 30; i += 1) {
      await editor.client.workflows.comments.create.mutate({
        instanceId: instance.id,
        body: `Note ${i}`,
      });
    }
    const measure = (limit: number) =>
      countStatements(api, async () => {
        const page = await owner.client.workflows.instances.timeline.query({
          instanceId: instance.id,
          limit,
        });
        expect(page.items).toHaveLength(Math.min(limit, 31));
        const comments = await owner.client.workflows.comments.list.query({
          instanceId: instance.id,
          limit,
        });
        expect(comments.items).toHaveLength(Math.min(limit, 30));
      });
    const five = await measure(5);
    expect(five).toBeGreaterThan(3);
    expect(await measure(50)).toBe(five);
  });
});
