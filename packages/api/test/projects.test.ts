import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, signInAdmin, signUp, startApi, type TestApi } from "@fastnext/test-support";

import { countRows, projectWithTeam, publishedTemplate, uniqueKey } from "./workflow-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

async function activities(entityId: string) {
  const { rows } = await api.sql.query<{ action: string; actor_id: string; changes: unknown }>(
    "SELECT action, actor_id, changes FROM activities WHERE entity_id = $1 ORDER BY created_at, id",
    [entityId],
  );
  return rows;
}

describe("creating projects", () => {
  it("the creator becomes its owner, with one activity entry", async () => {
    const ada = await signUp(api, "Ada");
    const project = await ada.client.projects.create.mutate({
      name: "  Engine  ",
      description: "Analytical",
    });
    expect(project).toMatchObject({
      name: "Engine",
      description: "Analytical",
      visibility: "private",
      archivedAt: null,
      createdById: ada.id,
      myRole: "owner",
      memberCount: 1,
      openInstanceCount: 0,
    });
    const { rows } = await api.sql.query(
      "SELECT user_id, role, added_by_id FROM project_members WHERE project_id = $1",
      [project.id],
    );
    expect(rows).toEqual([{ user_id: ada.id, role: "owner", added_by_id: ada.id }]);
    expect(await activities(project.id)).toEqual([
      {
        action: "project.create",
        actor_id: ada.id,
        changes: {
          before: { name: null, description: null, visibility: null },
          after: { name: "Engine", description: "Analytical", visibility: "private" },
        },
      },
    ]);
    expect((await ada.client.projects.get.query({ id: project.id })).id).toBe(project.id);
  });

  it("needs project.create, and refuses bad input with field errors, writing nothing", async () => {
    const admin = await signInAdmin(api);
    const reader = await signUp(api);
    await admin.client.admin.users.setRoles.mutate({ userId: reader.id, roleKeys: ["viewer"] });
    const name = uniqueKey("Nope");
    const refused = await failure(reader.client.projects.create.mutate({ name }));
    expect(refused.data).toMatchObject({
      code: "FORBIDDEN",
      reason: "missing_permission",
      details: { permission: "project.create" },
    });
    expect(await countRows(api, "projects", "name", name)).toBe(0);

    const ada = await signUp(api);
    const bad = await failure(
      ada.client.projects.create.mutate({ name: "   ", visibility: "public" as never }),
    );
    expect(bad.data).toMatchObject({ code: "BAD_REQUEST" });
    expect(Object.keys(bad.data?.fieldErrors ?? {}).sort()).toEqual(["name", "visibility"]);
    expect(await countRows(api, "projects", "created_by_id", ada.id)).toBe(0);
  });
});

describe("who sees what", () => {
  it("an outsider sees a private project nowhere and gets NOT_FOUND, never FORBIDDEN", async () => {
    const { project, outsider, viewer } = await projectWithTeam(api);
    const name = project.name;
    const calls = [
      () => outsider.client.projects.get.query({ id: project.id }),
      () => outsider.client.projects.update.mutate({ id: project.id, data: { name: "Mine" } }),
      () => outsider.client.projects.archive.mutate({ id: project.id }),
      () => outsider.client.projects.unarchive.mutate({ id: project.id }),
      () => outsider.client.projects.delete.mutate({ id: project.id, force: true }),
      () => outsider.client.projects.members.list.query({ projectId: project.id }),
      () =>
        outsider.client.projects.members.add.mutate({
          projectId: project.id,
          userId: outsider.id,
          role: "owner",
        }),
      () =>
        outsider.client.projects.members.updateRole.mutate({
          projectId: project.id,
          userId: viewer.id,
          role: "owner",
        }),
      () =>
        outsider.client.projects.members.remove.mutate({
          projectId: project.id,
          userId: viewer.id,
        }),
      () => outsider.client.workflows.instances.list.query({ projectId: project.id }),
    ];
    for (const call of calls) {
      expect((await failure(call())).data).toMatchObject({
        code: "NOT_FOUND",
        reason: "project_not_found",
      });
    }
    expect((await outsider.client.projects.list.query({ search: name })).items).toEqual([]);
    expect(
      (await outsider.client.projects.list.query({ limit: 100 })).items.map((p) => p.id),
    ).not.toContain(project.id);
    expect((await outsider.client.projects.list.query({ archived: true })).items).toEqual([]);
    const { rows } = await api.sql.query("SELECT name FROM projects WHERE id = $1", [project.id]);
    expect(rows).toEqual([{ name }]);
    expect(await countRows(api, "project_members", "project_id", project.id)).toBe(3);
  });

  it("an internal project is visible to every signed-in user; only members change it", async () => {
    const { project, outsider, owner } = await projectWithTeam(api, "internal");
    const seen = await outsider.client.projects.get.query({ id: project.id });
    expect(seen).toMatchObject({
      id: project.id,
      visibility: "internal",
      myRole: null,
      memberCount: 3,
    });
    expect(
      (await outsider.client.projects.list.query({ search: project.name })).items.map((p) => p.id),
    ).toEqual([project.id]);
    const members = await outsider.client.projects.members.list.query({ projectId: project.id });
    expect(members.items).toHaveLength(3);
    // Names are the users table's to show: an outsider shares no project with them.
    expect(members.items.every((m) => m.name === null)).toBe(true);
    expect(
      (await owner.client.projects.members.list.query({ projectId: project.id })).items.map(
        (m) => m.name,
      ),
    ).toEqual(["Owner", "Editor", "Viewer"]);

    for (const call of [
      () => outsider.client.projects.update.mutate({ id: project.id, data: { name: "Mine" } }),
      () => outsider.client.projects.archive.mutate({ id: project.id }),
      () => outsider.client.projects.delete.mutate({ id: project.id }),
      () =>
        outsider.client.projects.members.add.mutate({
          projectId: project.id,
          userId: outsider.id,
          role: "owner",
        }),
    ]) {
      expect((await failure(call())).data).toMatchObject({
        code: "FORBIDDEN",
        reason: "project_role_required",
      });
    }
    expect((await owner.client.projects.get.query({ id: project.id })).name).toBe(project.name);
  });

  it("project.read_all sees every project; project.manage_all changes it without membership", async () => {
    const { project } = await projectWithTeam(api);
    const manager = await signUp(api, "Manager");
    const admin = await signInAdmin(api);
    await admin.client.admin.users.setRoles.mutate({ userId: manager.id, roleKeys: ["manager"] });
    expect((await manager.client.projects.get.query({ id: project.id })).myRole).toBeNull();
    expect((await manager.client.projects.list.query({ search: project.name })).items).toHaveLength(
      1,
    );
    const refused = await failure(
      manager.client.projects.update.mutate({ id: project.id, data: { name: "Managed" } }),
    );
    expect(refused.data).toMatchObject({ code: "FORBIDDEN", reason: "project_role_required" });

    const renamed = await admin.client.projects.update.mutate({
      id: project.id,
      data: { name: "Administered" },
    });
    expect(renamed).toMatchObject({ name: "Administered", myRole: null });
    await admin.client.projects.archive.mutate({ id: project.id });
  });
});

describe("changing projects", () => {
  it("editors update name, description and visibility; viewers cannot", async () => {
    const { project, editor, viewer } = await projectWithTeam(api);
    const updated = await editor.client.projects.update.mutate({
      id: project.id,
      data: { description: "New words", visibility: "internal" },
    });
    expect(updated).toMatchObject({
      name: project.name,
      description: "New words",
      visibility: "internal",
      myRole: "editor",
    });
    const trail = await activities(project.id);
    expect(trail.at(-1)).toEqual({
      action: "project.update",
      actor_id: editor.id,
      changes: {
        before: { description: "", visibility: "private" },
        after: { description: "New words", visibility: "internal" },
      },
    });

    const refused = await failure(
      viewer.client.projects.update.mutate({ id: project.id, data: { name: "Viewer's" } }),
    );
    expect(refused.data).toMatchObject({
      code: "FORBIDDEN",
      reason: "project_role_required",
      details: { required: "editor", role: "viewer" },
    });
    const empty = await failure(editor.client.projects.update.mutate({ id: project.id, data: {} }));
    expect(empty.data?.code).toBe("BAD_REQUEST");
    const blank = await failure(
      editor.client.projects.update.mutate({ id: project.id, data: { name: "" } }),
    );
    expect(blank.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { "data.name": [expect.any(String)] },
    });
    expect(await activities(project.id)).toHaveLength(trail.length);
  });

  it("owners archive and restore; the list hides archived projects unless asked", async () => {
    const { project, owner, editor } = await projectWithTeam(api);
    expect(
      (await failure(editor.client.projects.archive.mutate({ id: project.id }))).data,
    ).toMatchObject({
      code: "FORBIDDEN",
      details: { required: "owner" },
    });
    const archived = await owner.client.projects.archive.mutate({ id: project.id });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect((await owner.client.projects.list.query({ search: project.name })).items).toEqual([]);
    expect(
      (await owner.client.projects.list.query({ search: project.name, archived: true })).items.map(
        (p) => p.id,
      ),
    ).toEqual([project.id]);
    const twice = await failure(owner.client.projects.archive.mutate({ id: project.id }));
    expect(twice.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "already_archived" });

    const restored = await owner.client.projects.unarchive.mutate({ id: project.id });
    expect(restored.archivedAt).toBeNull();
    expect((await owner.client.projects.list.query({ search: project.name })).items).toHaveLength(
      1,
    );
    const notArchived = await failure(owner.client.projects.unarchive.mutate({ id: project.id }));
    expect(notArchived.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "not_archived" });
    expect(
      (await activities(project.id)).map((a) => a.action).filter((a) => a.includes("archive")),
    ).toEqual(["project.archive", "project.unarchive"]);
  });

  it("lists newest first with search and keyset pagination", async () => {
    const ada = await signUp(api);
    const tag = uniqueKey("zeta");
    const made = [];
    for (const name of ["Alpha", "Beta", "Gamma"])
      made.push(await ada.client.projects.create.mutate({ name: `${name} ${tag}` }));
    await ada.client.projects.create.mutate({ name: "Unrelated" });
    const first = await ada.client.projects.list.query({ search: tag.toUpperCase(), limit: 2 });
    expect(first.items.map((p) => p.name)).toEqual([`Gamma ${tag}`, `Beta ${tag}`]);
    const second = await ada.client.projects.list.query({
      search: tag,
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map((p) => p.name)).toEqual([`Alpha ${tag}`]);
    expect(second.nextCursor).toBeNull();
    const bad = await failure(ada.client.projects.list.query({ cursor: "garbage" }));
    expect(bad.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { cursor: [expect.any(String)] },
    });
  });
});

describe("deleting projects", () => {
  it("refuses while instances are open unless forced; the owner alone may delete", async () => {
    const { project, owner, editor } = await projectWithTeam(api);
    const { key } = await publishedTemplate(api);
    const instance = await editor.client.workflows.instances.create.mutate({
      projectId: project.id,
      templateKey: key,
      title: "Open",
      data: { amount: 1, category: "it" },
    });
    expect((await owner.client.projects.get.query({ id: project.id })).openInstanceCount).toBe(1);

    const byEditor = await failure(
      editor.client.projects.delete.mutate({ id: project.id, force: true }),
    );
    expect(byEditor.data).toMatchObject({ code: "FORBIDDEN", reason: "project_role_required" });
    const refused = await failure(owner.client.projects.delete.mutate({ id: project.id }));
    expect(refused.data).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "open_instances",
      details: { openInstances: 1 },
    });
    expect(await countRows(api, "projects", "id", project.id)).toBe(1);
    expect(await countRows(api, "workflow_instances", "id", instance.id)).toBe(1);

    expect(await owner.client.projects.delete.mutate({ id: project.id, force: true })).toEqual({
      id: project.id,
    });
    expect(await countRows(api, "projects", "id", project.id)).toBe(0);
    expect(await countRows(api, "project_members", "project_id", project.id)).toBe(0);
    expect(await countRows(api, "workflow_instances", "id", instance.id)).toBe(0);
    expect(await countRows(api, "workflow_history", "instance_id", instance.id)).toBe(0);
    expect((await activities(project.id)).at(-1)).toMatchObject({
      action: "project.delete",
      actor_id: owner.id,
    });
    expect((await failure(owner.client.projects.get.query({ id: project.id }))).data?.code).toBe(
      "NOT_FOUND",
    );
  });

  it("deletes without force once every instance is completed", async () => {
    const { project, owner } = await projectWithTeam(api);
    const { key } = await publishedTemplate(api);
    const instance = await owner.client.workflows.instances.create.mutate({
      projectId: project.id,
      templateKey: key,
      title: "Done soon",
      data: { amount: 1, category: "it" },
    });
    await owner.client.workflows.instances.transition.mutate({
      instanceId: instance.id,
      transitionKey: "submit",
      expectedVersion: 1,
    });
    await owner.client.workflows.instances.transition.mutate({
      instanceId: instance.id,
      transitionKey: "reject",
      expectedVersion: 2,
      comment: "No",
    });
    expect(await owner.client.projects.delete.mutate({ id: project.id })).toEqual({
      id: project.id,
    });
    expect(await countRows(api, "projects", "id", project.id)).toBe(0);
  });
});
