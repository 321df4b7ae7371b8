import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, signUp, startApi, type TestApi } from "@fastnext/test-support";

import {
  countRows,
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

type Team = Awaited<ReturnType<typeof projectWithTeam>>;
type Caller = Team["owner"];

/** The type every installation starts with: owners need one and may not make types. */
async function generalType(caller: Caller): Promise<string> {
  const types = await caller.client.workflows.types.list.query({ search: "general" });
  const general = types.items.find((type) => type.key === "general");
  if (!general) throw new Error("the installation has no General type");
  return general.id;
}

/** The owner of `team` defines and publishes a template of the project. */
async function projectTemplate(team: Team) {
  const key = uniqueKey("own");
  const draft = await team.owner.client.workflows.templates.create.mutate({
    projectId: team.project.id,
    typeId: await generalType(team.owner),
    key,
    name: "Our purchases",
    definition: purchaseDefinition(),
  });
  const published = await team.owner.client.workflows.templates.publish.mutate({ id: draft.id });
  return { key, draft, published };
}

const purchase = { amount: 10, category: "office" };

describe("a project's own templates", () => {
  it("an owner defines one without workflow.manage, publishes it and starts items on it", async () => {
    const team = await projectWithTeam(api);
    const { key, draft, published } = await projectTemplate(team);
    expect(draft).toMatchObject({ key, version: 1, status: "draft", projectId: team.project.id });
    expect(published).toMatchObject({ status: "published", projectId: team.project.id });

    // A new version stays in the project.
    const next = await team.owner.client.workflows.templates.update.mutate({
      id: published.id,
      data: { name: "Our purchases, v2" },
    });
    expect(next).toMatchObject({ key, version: 2, status: "draft", projectId: team.project.id });

    const { items, latestItemKey } = await team.viewer.client.projects.templates.list.query({
      projectId: team.project.id,
    });
    expect(latestItemKey).toBeNull();
    expect(items.find((item) => item.key === key)).toEqual({
      key,
      name: "Our purchases, v2",
      typeId: draft.typeId,
      scope: "project",
      latest: { id: next.id, version: 2, status: "draft" },
      published: { id: published.id, version: 1 },
      enabled: true,
      usable: true,
    });
    const own = await team.viewer.client.workflows.templates.list.query({
      projectId: team.project.id,
    });
    expect(own.items.map((t) => t.id).sort()).toEqual([published.id, next.id].sort());

    const item = await team.editor.client.workflows.instances.create.mutate({
      projectId: team.project.id,
      templateKey: key,
      title: "Chairs",
      data: purchase,
    });
    expect(item).toMatchObject({ templateId: published.id, state: "draft" });
    const byId = await team.editor.client.workflows.instances.create.mutate({
      projectId: team.project.id,
      templateId: published.id,
      title: "Desks",
      data: purchase,
    });
    expect(byId.templateId).toBe(published.id);
    expect(await countRows(api, "activities", "entity_id", draft.id)).toBe(2);
    // The board opens on the process the project's newest item follows.
    const after = await team.viewer.client.projects.templates.list.query({
      projectId: team.project.id,
    });
    expect(after.latestItemKey).toBe(key);
  });

  it("another project can neither see nor use it, even through an owner of both", async () => {
    const team = await projectWithTeam(api);
    const { key, published } = await projectTemplate(team);
    const elsewhere = await team.owner.client.projects.create.mutate({
      name: `Elsewhere ${uniqueKey("p")}`,
    });

    const hidden = await failure(
      team.outsider.client.workflows.templates.get.query({ id: published.id }),
    );
    expect(hidden.data).toMatchObject({ code: "NOT_FOUND", reason: "template_not_found" });
    const outsiderList = await team.outsider.client.workflows.templates.list.query({ key });
    expect(outsiderList.items).toEqual([]);

    const { items } = await team.owner.client.projects.templates.list.query({
      projectId: elsewhere.id,
    });
    expect(items.map((item) => item.key)).not.toContain(key);
    for (const reference of [{ templateKey: key }, { templateId: published.id }]) {
      const refused = await failure(
        team.owner.client.workflows.instances.create.mutate({
          projectId: elsewhere.id,
          title: "Smuggled",
          data: purchase,
          ...reference,
        }),
      );
      expect(refused.data).toMatchObject({ code: "NOT_FOUND", reason: "template_not_found" });
    }
    expect(await countRows(api, "workflow_instances", "project_id", elsewhere.id)).toBe(0);

    // An outsider cannot turn the project's list up either.
    const outsiderProject = await failure(
      team.outsider.client.projects.templates.list.query({ projectId: team.project.id }),
    );
    expect(outsiderProject.data).toMatchObject({ code: "NOT_FOUND", reason: "project_not_found" });
  });

  it("an editor may not define, change or publish one: FORBIDDEN, and nothing written", async () => {
    const team = await projectWithTeam(api);
    const typeId = await generalType(team.editor);
    const key = uniqueKey("edited");
    const refused = await failure(
      team.editor.client.workflows.templates.create.mutate({
        projectId: team.project.id,
        typeId,
        key,
        name: "Mine",
        definition: purchaseDefinition(),
      }),
    );
    expect(refused.data).toMatchObject({
      code: "FORBIDDEN",
      reason: "project_role_required",
      details: { required: "owner", role: "editor" },
    });
    expect(await countRows(api, "workflow_templates", "key", key)).toBe(0);

    const outsider = await failure(
      team.outsider.client.workflows.templates.create.mutate({
        projectId: team.project.id,
        typeId,
        key,
        name: "Mine",
        definition: purchaseDefinition(),
      }),
    );
    expect(outsider.data).toMatchObject({ code: "NOT_FOUND", reason: "project_not_found" });

    const draft = await team.owner.client.workflows.templates.create.mutate({
      projectId: team.project.id,
      typeId,
      key,
      name: "Owned",
      definition: purchaseDefinition(),
    });
    const update = await failure(
      team.editor.client.workflows.templates.update.mutate({
        id: draft.id,
        data: { name: "Taken over" },
      }),
    );
    expect(update.data?.code).toBe("FORBIDDEN");
    const publish = await failure(
      team.editor.client.workflows.templates.publish.mutate({ id: draft.id }),
    );
    expect(publish.data?.code).toBe("FORBIDDEN");
    expect(await team.owner.client.workflows.templates.get.query({ id: draft.id })).toMatchObject({
      name: "Owned",
      status: "draft",
    });

    const bad = await failure(
      team.owner.client.workflows.templates.create.mutate({
        projectId: "not-a-uuid",
        typeId,
        key: uniqueKey("bad"),
        name: "Bad",
        definition: purchaseDefinition(),
      }),
    );
    expect(bad.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { projectId: [expect.any(String)] },
    });
  });

  it("go with their project", async () => {
    const team = await projectWithTeam(api);
    const { key } = await projectTemplate(team);
    await team.editor.client.workflows.instances.create.mutate({
      projectId: team.project.id,
      templateKey: key,
      title: "Lamp",
      data: purchase,
    });
    await team.owner.client.projects.delete.mutate({ id: team.project.id, force: true });
    expect(await countRows(api, "workflow_templates", "key", key)).toBe(0);
  });
});

describe("installation templates in a project", () => {
  it("an owner turns one off: the picker and new items refuse it until it is on again", async () => {
    const { key, template } = await publishedTemplate(api);
    const team = await projectWithTeam(api);
    const listed = async () =>
      (
        await team.editor.client.projects.templates.list.query({ projectId: team.project.id })
      ).items.find((item) => item.key === key);
    expect(await listed()).toMatchObject({
      scope: "installation",
      enabled: true,
      usable: true,
      published: { id: template.id, version: 1 },
    });

    const editorRefused = await failure(
      team.editor.client.projects.templates.disable.mutate({
        projectId: team.project.id,
        templateKey: key,
      }),
    );
    expect(editorRefused.data).toMatchObject({
      code: "FORBIDDEN",
      reason: "project_role_required",
    });
    expect(await countRows(api, "project_disabled_templates", "template_key", key)).toBe(0);

    const off = await team.owner.client.projects.templates.disable.mutate({
      projectId: team.project.id,
      templateKey: key,
    });
    expect(off).toMatchObject({ key, enabled: false, usable: false });
    // Again: the same answer, nothing more written.
    await team.owner.client.projects.templates.disable.mutate({
      projectId: team.project.id,
      templateKey: key,
    });
    expect(await countRows(api, "activities", "action", "project.template_disable")).toBe(1);
    expect(await listed()).toMatchObject({ enabled: false, usable: false });

    for (const reference of [{ templateKey: key }, { templateId: template.id }]) {
      const refused = await failure(
        team.editor.client.workflows.instances.create.mutate({
          projectId: team.project.id,
          title: "Refused",
          data: purchase,
          ...reference,
        }),
      );
      expect(refused.data).toMatchObject({
        code: "PRECONDITION_FAILED",
        reason: "template_disabled",
      });
    }
    expect(await countRows(api, "workflow_instances", "project_id", team.project.id)).toBe(0);

    // Other projects still use it.
    const other = await projectWithTeam(api);
    await other.editor.client.workflows.instances.create.mutate({
      projectId: other.project.id,
      templateKey: key,
      title: "Allowed",
      data: purchase,
    });

    const on = await team.owner.client.projects.templates.enable.mutate({
      projectId: team.project.id,
      templateKey: key,
    });
    expect(on).toMatchObject({ enabled: true, usable: true });
    await team.editor.client.workflows.instances.create.mutate({
      projectId: team.project.id,
      templateKey: key,
      title: "Back on",
      data: purchase,
    });
    expect(await countRows(api, "workflow_instances", "project_id", team.project.id)).toBe(1);
  });

  it("a project's own template has no switch; an unknown key is NOT_FOUND", async () => {
    const team = await projectWithTeam(api);
    const { key } = await projectTemplate(team);
    const own = await failure(
      team.owner.client.projects.templates.disable.mutate({
        projectId: team.project.id,
        templateKey: key,
      }),
    );
    expect(own.data).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "project_template_always_enabled",
    });
    const unknown = await failure(
      team.owner.client.projects.templates.disable.mutate({
        projectId: team.project.id,
        templateKey: uniqueKey("nothing"),
      }),
    );
    expect(unknown.data).toMatchObject({ code: "NOT_FOUND", reason: "template_not_found" });
    expect(await countRows(api, "project_disabled_templates", "project_id", team.project.id)).toBe(
      0,
    );
  });

  it("still need workflow.manage to define, change or publish", async () => {
    const member = await signUp(api);
    const key = uniqueKey("global");
    const refused = await failure(
      member.client.workflows.templates.create.mutate({
        typeId: await generalType(member),
        key,
        name: "Everyone's",
        definition: purchaseDefinition(),
      }),
    );
    expect(refused.data).toMatchObject({
      code: "FORBIDDEN",
      reason: "missing_permission",
      details: { permission: "workflow.manage" },
    });
    expect(await countRows(api, "workflow_templates", "key", key)).toBe(0);

    const { template } = await publishedTemplate(api);
    const update = await failure(
      member.client.workflows.templates.update.mutate({ id: template.id, data: { name: "Mine" } }),
    );
    expect(update.data).toMatchObject({ code: "FORBIDDEN", reason: "missing_permission" });
    const archive = await failure(
      member.client.workflows.templates.archive.mutate({ id: template.id }),
    );
    expect(archive.data).toMatchObject({ code: "FORBIDDEN", reason: "missing_permission" });
    expect(await countRows(api, "workflow_templates", "key", template.key)).toBe(1);
  });
});
