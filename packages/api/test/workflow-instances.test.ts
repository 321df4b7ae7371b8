import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, signInAdmin, startApi, type TestApi } from "@fastnext/test-support";

import {
  countRows,
  countStatements,
  projectWithTeam,
  publishedTemplate,
  purchaseDefinition,
  uniqueKey,
} from "./workflow-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

async function started(amount = 500) {
  const team = await projectWithTeam(api);
  const { key, template } = await publishedTemplate(api);
  const instance = await team.editor.client.workflows.instances.create.mutate({
    projectId: team.project.id,
    templateKey: key,
    title: "New laptop",
    data: { amount, category: "it" },
  });
  return { ...team, key, template, instance };
}

describe("creating instances", () => {
  it("starts in the initial state with a creation history row and an activity entry", async () => {
    const { instance, editor, template } = await started();
    expect(instance).toMatchObject({
      state: "draft",
      version: 1,
      templateId: template.id,
      template: { key: template.key, version: 1 },
      data: { amount: 500, category: "it" },
      assigneeId: null,
      completedAt: null,
      createdById: editor.id,
    });
    const history = await editor.client.workflows.instances.history.query({
      instanceId: instance.id,
    });
    expect(history.items).toEqual([
      expect.objectContaining({
        transitionKey: null,
        fromState: null,
        toState: "draft",
        actorId: editor.id,
        versionAfter: 1,
      }),
    ]);
    expect(await countRows(api, "activities", "entity_id", instance.id)).toBe(1);
  });

  it("validates the data against the template's fields, with errors keyed data.<field>", async () => {
    const { project, editor, key } = await started();
    const before = await countRows(api, "workflow_instances", "project_id", project.id);
    const error = await failure(
      editor.client.workflows.instances.create.mutate({
        projectId: project.id,
        templateKey: key,
        title: "Bad",
        data: { amount: "a lot", category: "food", colour: "red" },
      }),
    );
    expect(error.data).toMatchObject({ code: "BAD_REQUEST", reason: "invalid_data" });
    expect(Object.keys(error.data?.fieldErrors ?? {}).sort()).toEqual([
      "data.amount",
      "data.category",
      "data.colour",
    ]);

    const missing = await failure(
      editor.client.workflows.instances.create.mutate({
        projectId: project.id,
        templateKey: key,
        title: "X",
        data: {},
      }),
    );
    expect(Object.keys(missing.data?.fieldErrors ?? {}).sort()).toEqual([
      "data.amount",
      "data.category",
    ]);
    expect(await countRows(api, "workflow_instances", "project_id", project.id)).toBe(before);
  });

  it("needs editor or owner: a viewer is FORBIDDEN, an outsider NOT_FOUND, and nothing is written", async () => {
    const { project, viewer, outsider, key } = await started();
    const input = {
      projectId: project.id,
      templateKey: key,
      title: "T",
      data: { amount: 1, category: "it" },
    };
    expect(
      (await failure(viewer.client.workflows.instances.create.mutate(input))).data,
    ).toMatchObject({
      code: "FORBIDDEN",
      reason: "project_role_required",
    });
    expect(
      (await failure(outsider.client.workflows.instances.create.mutate(input))).data,
    ).toMatchObject({
      code: "NOT_FOUND",
      reason: "project_not_found",
    });
    expect(await countRows(api, "workflow_instances", "project_id", project.id)).toBe(1);
  });

  it("refuses drafts, unknown keys and archived projects", async () => {
    const { project, owner, editor, key } = await started();
    const admin = await signInAdmin(api);
    const type = await admin.client.workflows.types.create.mutate({
      key: uniqueKey("t"),
      name: "T",
    });
    const draft = await admin.client.workflows.templates.create.mutate({
      typeId: type.id,
      key: uniqueKey("d"),
      name: "Draft only",
      definition: purchaseDefinition(),
    });
    const data = { amount: 1, category: "it" };
    const byDraftKey = await failure(
      editor.client.workflows.instances.create.mutate({
        projectId: project.id,
        templateKey: draft.key,
        title: "T",
        data,
      }),
    );
    expect(byDraftKey.data).toMatchObject({
      code: "NOT_FOUND",
      fieldErrors: { templateKey: [expect.any(String)] },
    });
    const byDraftId = await failure(
      editor.client.workflows.instances.create.mutate({
        projectId: project.id,
        templateId: draft.id,
        title: "T",
        data,
      }),
    );
    expect(byDraftId.data).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "template_not_published",
    });
    const both = await failure(
      editor.client.workflows.instances.create.mutate({
        projectId: project.id,
        templateId: draft.id,
        templateKey: key,
        title: "T",
        data,
      }),
    );
    expect(both.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { templateKey: [expect.any(String)] },
    });

    await owner.client.projects.archive.mutate({ id: project.id });
    const archived = await failure(
      editor.client.workflows.instances.create.mutate({
        projectId: project.id,
        templateKey: key,
        title: "T",
        data,
      }),
    );
    expect(archived.data).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "project_archived",
    });
  });
});

describe("reading instances", () => {
  it("an outsider gets NOT_FOUND for a private project's instance, its history and its transitions, and sees none in lists", async () => {
    const { instance, project, outsider, key } = await started();
    const calls = [
      () => outsider.client.workflows.instances.get.query({ instanceId: instance.id }),
      () => outsider.client.workflows.instances.history.query({ instanceId: instance.id }),
      () =>
        outsider.client.workflows.instances.availableTransitions.query({ instanceId: instance.id }),
      () => outsider.client.workflows.instances.list.query({ projectId: project.id }),
      () =>
        outsider.client.workflows.instances.assign.mutate({
          instanceId: instance.id,
          assigneeId: outsider.id,
        }),
      () =>
        outsider.client.workflows.instances.transition.mutate({
          instanceId: instance.id,
          transitionKey: "submit",
          expectedVersion: 1,
        }),
      () =>
        outsider.client.workflows.analytics.summary.query({
          templateKey: key,
          projectId: project.id,
        }),
    ];
    for (const call of calls) expect((await failure(call())).data?.code).toBe("NOT_FOUND");
    const all = await outsider.client.workflows.instances.list.query({ templateKey: key });
    expect(all.items).toEqual([]);
    const summary = await outsider.client.workflows.analytics.summary.query({ templateKey: key });
    expect(summary.instancesByState).toEqual([]);
    expect(await countRows(api, "workflow_history", "instance_id", instance.id)).toBe(1);
  });

  it("a signed-in non-member lists the instances of internal projects, and only those", async () => {
    const { instance, project, owner, outsider, key } = await started();
    const before = await outsider.client.workflows.instances.list.query({});
    expect(before.items.map((item) => item.id)).not.toContain(instance.id);
    await owner.client.projects.update.mutate({
      id: project.id,
      data: { visibility: "internal" },
    });
    const all = await outsider.client.workflows.instances.list.query({});
    expect(all.items.map((item) => item.id)).toContain(instance.id);
    const byKey = await outsider.client.workflows.instances.list.query({ templateKey: key });
    expect(byKey.items.map((item) => item.id)).toEqual([instance.id]);
  });

  it("lists by project, template, state and assignee, with keyset pagination", async () => {
    const { project, owner, editor, key, instance } = await started();
    const second = await editor.client.workflows.instances.create.mutate({
      projectId: project.id,
      templateKey: key,
      title: "Second",
      data: { amount: 5, category: "office" },
    });
    await editor.client.workflows.instances.transition.mutate({
      instanceId: second.id,
      transitionKey: "submit",
      expectedVersion: 1,
    });
    await owner.client.workflows.instances.assign.mutate({
      instanceId: instance.id,
      assigneeId: editor.id,
    });

    const byProject = await owner.client.workflows.instances.list.query({ projectId: project.id });
    expect(byProject.items.map((i) => i.id)).toEqual([second.id, instance.id]);
    const bySate = await owner.client.workflows.instances.list.query({
      projectId: project.id,
      state: "submitted",
    });
    expect(bySate.items.map((i) => i.id)).toEqual([second.id]);
    const byAssignee = await owner.client.workflows.instances.list.query({ assigneeId: editor.id });
    expect(byAssignee.items.map((i) => i.id)).toEqual([instance.id]);
    const byKey = await owner.client.workflows.instances.list.query({ templateKey: key });
    expect(byKey.items).toHaveLength(2);
    const bySearch = await owner.client.workflows.instances.list.query({
      projectId: project.id,
      search: "sEcOnD",
    });
    expect(bySearch.items.map((i) => i.id)).toEqual([second.id]);
    // What the user types is text: "%" and "_" are not wildcards.
    const literal = await owner.client.workflows.instances.list.query({ search: "%" });
    expect(literal.items).toEqual([]);

    const first = await owner.client.workflows.instances.list.query({
      projectId: project.id,
      limit: 1,
    });
    expect(first.items.map((i) => i.id)).toEqual([second.id]);
    const next = await owner.client.workflows.instances.list.query({
      projectId: project.id,
      limit: 1,
      cursor: first.nextCursor,
    });
    expect(next.items.map((i) => i.id)).toEqual([instance.id]);
    expect(next.nextCursor).toBeNull();
  });

  it("uses the same number of statements for a page of 5 and a page of 50", async () => {
    const { project, editor, owner, key } = await started();
    for (let i = 0; i < 49; i += 1) {
      await editor.client.workflows.instances.create.mutate({
        projectId: project.id,
        templateKey: key,
        title: `Item ${i}`,
        data: { amount: i, category: "it" },
      });
    }
    const measure = (limit: number) =>
      countStatements(api, async () => {
        const page = await owner.client.workflows.instances.list.query({
          projectId: project.id,
          limit,
        });
        expect(page.items).toHaveLength(limit);
      });
    const five = await measure(5);
    expect(five).toBeGreaterThan(3);
    expect(await measure(50)).toBe(five);
  });
});
