import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, signInAdmin, signUp, startApi, type TestApi } from "@fastnext/test-support";

import { countRows, projectWithTeam, publishedTemplate } from "./workflow-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

async function started(options: { amount?: number; visibility?: "private" | "internal" } = {}) {
  const team = await projectWithTeam(api, options.visibility);
  const { key } = await publishedTemplate(api);
  const instance = await team.editor.client.workflows.instances.create.mutate({
    projectId: team.project.id,
    templateKey: key,
    title: "Desk",
    data: { amount: options.amount ?? 500, category: "office" },
  });
  return { ...team, key, instance };
}

/** An instance the editor has submitted: in "submitted", version 2. */
async function submitted(options: Parameters<typeof started>[0] = {}) {
  const arranged = await started(options);
  await arranged.editor.client.workflows.instances.transition.mutate({
    instanceId: arranged.instance.id,
    transitionKey: "submit",
    expectedVersion: 1,
  });
  return arranged;
}

async function events(api: TestApi, name: string, instanceId: string) {
  const { rows } = await api.sql.query<{
    payload: Record<string, unknown>;
    actor_id: string | null;
  }>(
    "SELECT payload, actor_id FROM domain_events WHERE name = $1 AND payload->>'instanceId' = $2 ORDER BY created_at",
    [name, instanceId],
  );
  return rows;
}

describe("firing transitions", () => {
  it("moves the state, bumps the version, writes history, activity and workflow.transitioned", async () => {
    const { instance, editor, owner, project } = await started();
    const submitted = await editor.client.workflows.instances.transition.mutate({
      instanceId: instance.id,
      transitionKey: "submit",
      expectedVersion: 1,
      comment: "  please  ",
    });
    expect(submitted).toMatchObject({
      instanceId: instance.id,
      transitionKey: "submit",
      fromState: "draft",
      toState: "submitted",
      version: 2,
      completedAt: null,
    });
    const after = await owner.client.workflows.instances.get.query({ instanceId: instance.id });
    expect(after).toMatchObject({ state: "submitted", version: 2, completedAt: null });
    expect(after.stateEnteredAt.getTime()).toBe(submitted.stateEnteredAt.getTime());

    const history = await owner.client.workflows.instances.history.query({
      instanceId: instance.id,
    });
    expect(history.items.map((h) => [h.fromState, h.toState, h.versionAfter])).toEqual([
      [null, "draft", 1],
      ["draft", "submitted", 2],
    ]);
    expect(history.items[1]).toMatchObject({
      id: submitted.historyId,
      actorId: editor.id,
      comment: "please",
    });

    expect(await events(api, "workflow.transitioned", instance.id)).toEqual([
      {
        actor_id: editor.id,
        payload: {
          instanceId: instance.id,
          projectId: project.id,
          transitionKey: "submit",
          fromState: "draft",
          toState: "submitted",
          historyId: submitted.historyId,
        },
      },
    ]);
    const { rows } = await api.sql.query<{ action: string; actor_id: string }>(
      "SELECT action, actor_id FROM activities WHERE entity_id = $1 ORDER BY created_at",
      [instance.id],
    );
    expect(rows).toEqual([
      { action: "workflow_instance.create", actor_id: editor.id },
      { action: "workflow_instance.transition", actor_id: editor.id },
    ]);
  });

  it("completes the instance on a final state", async () => {
    const { instance, editor, owner } = await submitted();
    await owner.client.workflows.instances.transition.mutate({
      instanceId: instance.id,
      transitionKey: "approve",
      expectedVersion: 2,
    });
    const done = await editor.client.workflows.instances.transition.mutate({
      instanceId: instance.id,
      transitionKey: "complete",
      expectedVersion: 3,
    });
    expect(done.completedAt).toEqual(done.stateEnteredAt);
    const after = await owner.client.workflows.instances.get.query({ instanceId: instance.id });
    expect(after).toMatchObject({ state: "done", version: 4, completedAt: done.completedAt });
    const available = await owner.client.workflows.instances.availableTransitions.query({
      instanceId: instance.id,
    });
    expect(available.transitions).toEqual([]);
  });

  it("blocks on a guard with a typed error naming the guard, and writes nothing", async () => {
    const { instance, owner } = await submitted({ amount: 5000 });
    const available = await owner.client.workflows.instances.availableTransitions.query({
      instanceId: instance.id,
    });
    expect(available.transitions.find((t) => t.key === "approve")).toMatchObject({
      blockedBy: { guard: "amount <= 1000" },
    });

    const error = await failure(
      owner.client.workflows.instances.transition.mutate({
        instanceId: instance.id,
        transitionKey: "approve",
        expectedVersion: 2,
      }),
    );
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      reason: "guard_failed",
      details: { guard: "amount <= 1000" },
    });
    expect(error.message).toContain("amount <= 1000");
    expect(await countRows(api, "workflow_history", "instance_id", instance.id)).toBe(2);
    expect(
      (await owner.client.workflows.instances.get.query({ instanceId: instance.id })).version,
    ).toBe(2);
  });

  it("asks for a comment where the transition requires one", async () => {
    const { instance, owner } = await submitted();
    const error = await failure(
      owner.client.workflows.instances.transition.mutate({
        instanceId: instance.id,
        transitionKey: "reject",
        expectedVersion: 2,
        comment: "   ",
      }),
    );
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      reason: "comment_required",
      fieldErrors: { comment: [expect.any(String)] },
    });
    const rejected = await owner.client.workflows.instances.transition.mutate({
      instanceId: instance.id,
      transitionKey: "reject",
      expectedVersion: 2,
      comment: "Too expensive",
    });
    expect(rejected).toMatchObject({ toState: "rejected", version: 3 });
  });

  it("a viewer cannot transition and is offered nothing that needs an editor", async () => {
    const { instance, viewer, editor } = await started();
    const offered = await viewer.client.workflows.instances.availableTransitions.query({
      instanceId: instance.id,
    });
    expect(offered).toMatchObject({ state: "draft", version: 1, transitions: [] });
    expect(
      (
        await editor.client.workflows.instances.availableTransitions.query({
          instanceId: instance.id,
        })
      ).transitions,
    ).toEqual([{ key: "submit", name: "Submit", to: "submitted", requiresComment: false }]);

    const error = await failure(
      viewer.client.workflows.instances.transition.mutate({
        instanceId: instance.id,
        transitionKey: "submit",
        expectedVersion: 1,
      }),
    );
    expect(error.data).toMatchObject({ code: "FORBIDDEN", reason: "transition_not_allowed" });
    expect(await countRows(api, "workflow_history", "instance_id", instance.id)).toBe(1);
    expect(await events(api, "workflow.transitioned", instance.id)).toEqual([]);
  });

  it("an editor cannot fire an owner-only transition", async () => {
    const { instance, editor } = await submitted();
    const error = await failure(
      editor.client.workflows.instances.transition.mutate({
        instanceId: instance.id,
        transitionKey: "approve",
        expectedVersion: 2,
      }),
    );
    expect(error.data).toMatchObject({ code: "FORBIDDEN", reason: "transition_not_allowed" });
  });

  it("answers CONFLICT with the current state when the caller's version is stale", async () => {
    const { instance, owner } = await submitted();
    const error = await failure(
      owner.client.workflows.instances.transition.mutate({
        instanceId: instance.id,
        transitionKey: "submit",
        expectedVersion: 1,
      }),
    );
    expect(error.data).toMatchObject({
      code: "CONFLICT",
      reason: "stale_version",
      details: { currentState: "submitted", currentVersion: 2 },
    });
    expect(await countRows(api, "workflow_history", "instance_id", instance.id)).toBe(2);
  });

  it("refuses unknown transitions and ones that do not leave the current state, with field errors", async () => {
    const { instance, owner } = await started();
    const unknown = await failure(
      owner.client.workflows.instances.transition.mutate({
        instanceId: instance.id,
        transitionKey: "teleport",
        expectedVersion: 1,
      }),
    );
    expect(unknown.data).toMatchObject({
      code: "BAD_REQUEST",
      reason: "unknown_transition",
      fieldErrors: { transitionKey: [expect.any(String)] },
    });
    const elsewhere = await failure(
      owner.client.workflows.instances.transition.mutate({
        instanceId: instance.id,
        transitionKey: "complete",
        expectedVersion: 1,
      }),
    );
    expect(elsewhere.data).toMatchObject({
      code: "BAD_REQUEST",
      reason: "transition_not_available",
      details: { currentState: "draft" },
    });
    const malformed = await failure(
      owner.client.workflows.instances.transition.mutate({
        instanceId: instance.id,
        transitionKey: "Not A Key",
        expectedVersion: 0,
      }),
    );
    expect(Object.keys(malformed.data?.fieldErrors ?? {}).sort()).toEqual([
      "expectedVersion",
      "transitionKey",
    ]);
  });
});

describe("readers who are not members", () => {
  it("an internal project's instances are visible to everyone but changed only by members", async () => {
    const { instance, outsider, project } = await started({ visibility: "internal" });
    expect(
      (await outsider.client.workflows.instances.get.query({ instanceId: instance.id })).id,
    ).toBe(instance.id);
    expect(
      (await outsider.client.workflows.instances.list.query({ projectId: project.id })).items,
    ).toHaveLength(1);
    expect(
      (await outsider.client.workflows.instances.history.query({ instanceId: instance.id })).items,
    ).toHaveLength(1);
    expect(
      (
        await outsider.client.workflows.instances.availableTransitions.query({
          instanceId: instance.id,
        })
      ).transitions,
    ).toEqual([]);
    const error = await failure(
      outsider.client.workflows.instances.transition.mutate({
        instanceId: instance.id,
        transitionKey: "submit",
        expectedVersion: 1,
      }),
    );
    expect(error.data).toMatchObject({ code: "FORBIDDEN", reason: "transition_not_allowed" });
    const assign = await failure(
      outsider.client.workflows.instances.assign.mutate({
        instanceId: instance.id,
        assigneeId: null,
      }),
    );
    expect(assign.data).toMatchObject({ code: "FORBIDDEN", reason: "project_role_required" });
  });

  it("project.read_all shows a private project's instances without the right to change them", async () => {
    const { instance } = await started();
    const manager = await signUp(api, "Manager");
    const admin = await signInAdmin(api);
    await admin.client.admin.users.setRoles.mutate({ userId: manager.id, roleKeys: ["manager"] });
    expect(
      (await manager.client.workflows.instances.get.query({ instanceId: instance.id })).id,
    ).toBe(instance.id);
    const error = await failure(
      manager.client.workflows.instances.transition.mutate({
        instanceId: instance.id,
        transitionKey: "submit",
        expectedVersion: 1,
      }),
    );
    expect(error.data).toMatchObject({ code: "FORBIDDEN", reason: "transition_not_allowed" });
  });
});

describe("assigning", () => {
  it("an editor assigns a member, bumping the version and raising workflow.assigned", async () => {
    const { instance, editor, viewer, owner, project } = await started();
    const assigned = await editor.client.workflows.instances.assign.mutate({
      instanceId: instance.id,
      assigneeId: viewer.id,
      expectedVersion: 1,
    });
    expect(assigned).toMatchObject({ assigneeId: viewer.id, version: 2, state: "draft" });
    expect(await events(api, "workflow.assigned", instance.id)).toEqual([
      {
        actor_id: editor.id,
        payload: { instanceId: instance.id, projectId: project.id, assigneeId: viewer.id },
      },
    ]);

    // The same assignee again changes nothing.
    const again = await editor.client.workflows.instances.assign.mutate({
      instanceId: instance.id,
      assigneeId: viewer.id,
    });
    expect(again.version).toBe(2);
    expect(await events(api, "workflow.assigned", instance.id)).toHaveLength(1);

    const unassigned = await owner.client.workflows.instances.assign.mutate({
      instanceId: instance.id,
      assigneeId: null,
    });
    expect(unassigned).toMatchObject({ assigneeId: null, version: 3 });
    const { rows } = await api.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM activities WHERE entity_id = $1 AND action = 'workflow_instance.assign'",
      [instance.id],
    );
    expect(rows[0]?.n).toBe(2);
  });

  it("refuses viewers, non-members as assignees, and stale versions", async () => {
    const { instance, editor, viewer, outsider } = await started();
    const byViewer = await failure(
      viewer.client.workflows.instances.assign.mutate({
        instanceId: instance.id,
        assigneeId: viewer.id,
      }),
    );
    expect(byViewer.data).toMatchObject({ code: "FORBIDDEN", reason: "project_role_required" });
    const toOutsider = await failure(
      editor.client.workflows.instances.assign.mutate({
        instanceId: instance.id,
        assigneeId: outsider.id,
      }),
    );
    expect(toOutsider.data).toMatchObject({
      code: "BAD_REQUEST",
      reason: "assignee_not_member",
      fieldErrors: { assigneeId: [expect.any(String)] },
    });
    const stale = await failure(
      editor.client.workflows.instances.assign.mutate({
        instanceId: instance.id,
        assigneeId: viewer.id,
        expectedVersion: 7,
      }),
    );
    expect(stale.data).toMatchObject({
      code: "CONFLICT",
      reason: "stale_version",
      details: { currentVersion: 1 },
    });
    expect(await events(api, "workflow.assigned", instance.id)).toEqual([]);
  });
});
