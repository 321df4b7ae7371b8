import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, signInAdmin, signUp, startApi, type TestApi } from "@fastnext/test-support";
import { validateDefinition, type WorkflowDefinition } from "@fastnext/workflow";

import { countRows, projectWithTeam, purchaseDefinition, uniqueKey } from "./workflow-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

async function activityCount(action: string): Promise<number> {
  return countRows(api, "activities", "action", action);
}

describe("workflow types", () => {
  it("need workflow.manage to write; any signed-in user reads", async () => {
    const admin = await signInAdmin(api);
    const member = await signUp(api);
    const key = uniqueKey("expense");
    const refused = await failure(
      member.client.workflows.types.create.mutate({ key, name: "Expenses" }),
    );
    expect(refused.data).toMatchObject({
      code: "FORBIDDEN",
      reason: "missing_permission",
      details: { permission: "workflow.manage" },
    });
    expect(await countRows(api, "workflow_types", "key", key)).toBe(0);

    const type = await admin.client.workflows.types.create.mutate({
      key,
      name: "Expenses",
      description: "Money out",
    });
    expect(type).toMatchObject({ key, name: "Expenses", description: "Money out" });
    expect(await member.client.workflows.types.get.query({ id: type.id })).toEqual(type);
    const listed = await member.client.workflows.types.list.query({ search: key });
    expect(listed.items.map((t) => t.id)).toEqual([type.id]);

    const renamed = await admin.client.workflows.types.update.mutate({
      id: type.id,
      data: { name: "Spending" },
    });
    expect(renamed).toMatchObject({ key, name: "Spending", description: "Money out" });
    const memberUpdate = await failure(
      member.client.workflows.types.update.mutate({ id: type.id, data: { name: "X" } }),
    );
    expect(memberUpdate.data?.code).toBe("FORBIDDEN");
    expect((await member.client.workflows.types.get.query({ id: type.id })).name).toBe("Spending");
  });

  it("keys are unique slugs, with field errors", async () => {
    const admin = await signInAdmin(api);
    const key = uniqueKey("leave");
    await admin.client.workflows.types.create.mutate({ key, name: "Leave" });
    const taken = await failure(admin.client.workflows.types.create.mutate({ key, name: "Again" }));
    expect(taken.data).toMatchObject({
      code: "CONFLICT",
      reason: "key_taken",
      fieldErrors: { key: [expect.any(String)] },
    });
    const bad = await failure(
      admin.client.workflows.types.create.mutate({ key: "Not A Slug", name: "" }),
    );
    expect(Object.keys(bad.data?.fieldErrors ?? {}).sort()).toEqual(["key", "name"]);
    const empty = await failure(
      admin.client.workflows.types.update.mutate({ id: crypto.randomUUID(), data: {} }),
    );
    expect(empty.data?.code).toBe("BAD_REQUEST");
  });

  it("delete is refused while templates exist, and allowed once there are none", async () => {
    const admin = await signInAdmin(api);
    const withTemplate = await admin.client.workflows.types.create.mutate({
      key: uniqueKey("t"),
      name: "Used",
    });
    await admin.client.workflows.templates.create.mutate({
      typeId: withTemplate.id,
      key: uniqueKey("k"),
      name: "Uses it",
      definition: purchaseDefinition(),
    });
    const refused = await failure(
      admin.client.workflows.types.delete.mutate({ id: withTemplate.id }),
    );
    expect(refused.data).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "has_templates",
      details: { templates: 1 },
    });
    expect(await countRows(api, "workflow_types", "id", withTemplate.id)).toBe(1);

    const unused = await admin.client.workflows.types.create.mutate({
      key: uniqueKey("t"),
      name: "Unused",
    });
    const deletes = await activityCount("workflow_type.delete");
    expect(await admin.client.workflows.types.delete.mutate({ id: unused.id })).toEqual({
      id: unused.id,
    });
    expect(await countRows(api, "workflow_types", "id", unused.id)).toBe(0);
    expect(await activityCount("workflow_type.delete")).toBe(deletes + 1);
    expect(
      (await failure(admin.client.workflows.types.get.query({ id: unused.id }))).data?.code,
    ).toBe("NOT_FOUND");
  });
});

/** A definition with several independent problems. */
function brokenDefinition(): WorkflowDefinition {
  const definition = purchaseDefinition();
  const states = definition.states.map((s) =>
    s.kind === "final" ? { ...s, kind: "active" as const } : s,
  );
  const transitions = definition.transitions.map((t) => ({ ...t }));
  const third = transitions[2];
  const approve = transitions[1];
  if (!third || !approve) throw new Error("fixture changed");
  third.to = "nowhere";
  approve.guard = { op: "gt", field: "price", value: 10 };
  return { ...definition, states, transitions };
}

describe("workflow templates", () => {
  async function draft(definition: WorkflowDefinition = purchaseDefinition()) {
    const admin = await signInAdmin(api);
    const type = await admin.client.workflows.types.create.mutate({
      key: uniqueKey("type"),
      name: "T",
    });
    const template = await admin.client.workflows.templates.create.mutate({
      typeId: type.id,
      key: uniqueKey("tpl"),
      name: "Purchase",
      definition,
    });
    return { admin, type, template };
  }

  it("a new key starts as draft version 1; the key cannot be created twice", async () => {
    const { admin, type, template } = await draft();
    expect(template).toMatchObject({
      typeId: type.id,
      version: 1,
      status: "draft",
      publishedAt: null,
    });
    expect(template.definition).toEqual(purchaseDefinition());
    const again = await failure(
      admin.client.workflows.templates.create.mutate({
        typeId: type.id,
        key: template.key,
        name: "Again",
        definition: purchaseDefinition(),
      }),
    );
    expect(again.data).toMatchObject({ code: "CONFLICT", reason: "key_taken" });
    const noType = await failure(
      admin.client.workflows.templates.create.mutate({
        typeId: crypto.randomUUID(),
        key: uniqueKey("x"),
        name: "X",
        definition: purchaseDefinition(),
      }),
    );
    expect(noType.data).toMatchObject({
      code: "NOT_FOUND",
      fieldErrors: { typeId: [expect.any(String)] },
    });
  });

  it("checks the definition's shape at the edge, with field errors by path", async () => {
    const admin = await signInAdmin(api);
    const type = await admin.client.workflows.types.create.mutate({
      key: uniqueKey("type"),
      name: "T",
    });
    const definition = purchaseDefinition();
    const malformed = {
      ...definition,
      states: [{ ...definition.states[0], key: "Bad Key" }, ...definition.states.slice(1)],
    };
    const error = await failure(
      admin.client.workflows.templates.create.mutate({
        typeId: type.id,
        key: uniqueKey("tpl"),
        name: "Bad",
        definition: malformed as never,
      }),
    );
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { "definition.states.0.key": [expect.any(String)] },
    });
  });

  it("publish lists every problem, keyed by path, and leaves the draft a draft", async () => {
    const broken = brokenDefinition();
    const { admin, template } = await draft(broken);
    const expected = validateDefinition(broken);
    if (expected.ok) throw new Error("fixture should be broken");
    expect(expected.problems.length).toBeGreaterThanOrEqual(3);

    const error = await failure(
      admin.client.workflows.templates.publish.mutate({ id: template.id }),
    );
    expect(error.data).toMatchObject({ code: "BAD_REQUEST", reason: "invalid_definition" });
    const problems = (
      error.data?.details as {
        problems: { code: string; message: string; path: (string | number)[] }[];
      }
    ).problems;
    expect(problems).toEqual(expected.problems);
    expect(problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(["no_final_state", "unknown_state", "guard_unknown_field"]),
    );
    const fieldErrors = error.data?.fieldErrors ?? {};
    expect(fieldErrors["definition.transitions.2.to"]).toEqual([
      expect.stringContaining("nowhere"),
    ]);
    expect(fieldErrors["definition.transitions.1.guard.field"]).toEqual([
      expect.stringContaining("price"),
    ]);
    expect(fieldErrors["definition.states"]).toEqual(
      expect.arrayContaining([expect.stringContaining("final state")]),
    );
    expect((await admin.client.workflows.templates.get.query({ id: template.id })).status).toBe(
      "draft",
    );
  });

  it("a draft is edited in place; a published version is never changed: editing it makes the next draft version", async () => {
    const { admin, template } = await draft();
    const member = await signUp(api);
    const forbidden = await failure(
      member.client.workflows.templates.update.mutate({ id: template.id, data: { name: "X" } }),
    );
    expect(forbidden.data?.code).toBe("FORBIDDEN");

    const edited = await admin.client.workflows.templates.update.mutate({
      id: template.id,
      data: { name: "Purchase v1" },
    });
    expect(edited).toMatchObject({
      id: template.id,
      version: 1,
      status: "draft",
      name: "Purchase v1",
    });

    const published = await admin.client.workflows.templates.publish.mutate({ id: template.id });
    expect(published).toMatchObject({ status: "published", publishedAt: expect.any(Date) });
    const twice = await failure(
      admin.client.workflows.templates.publish.mutate({ id: template.id }),
    );
    expect(twice.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "not_draft" });

    const changed = purchaseDefinition();
    changed.states.push({ key: "on_hold", name: "On hold", kind: "active" });
    changed.transitions.push(
      {
        key: "hold",
        name: "Hold",
        from: ["submitted"],
        to: "on_hold",
        allowed: { projectRoles: ["owner"] },
        requiresComment: false,
      },
      {
        key: "resume",
        name: "Resume",
        from: ["on_hold"],
        to: "submitted",
        allowed: { projectRoles: ["owner"] },
        requiresComment: false,
      },
    );
    const next = await admin.client.workflows.templates.update.mutate({
      id: template.id,
      data: { definition: changed },
    });
    expect(next).toMatchObject({
      key: template.key,
      version: 2,
      status: "draft",
      name: "Purchase v1",
    });
    expect(next.id).not.toBe(template.id);
    expect(next.definition).toEqual(changed);

    const original = await admin.client.workflows.templates.get.query({ id: template.id });
    expect(original).toMatchObject({ version: 1, status: "published" });
    expect(original.definition).toEqual(purchaseDefinition());

    const versions = await member.client.workflows.templates.list.query({ key: template.key });
    expect(versions.items.map((t) => [t.version, t.status])).toEqual([
      [2, "draft"],
      [1, "published"],
    ]);
    expect(versions.items[0]).not.toHaveProperty("definition");
    const drafts = await member.client.workflows.templates.list.query({
      key: template.key,
      status: "draft",
    });
    expect(drafts.items.map((t) => t.version)).toEqual([2]);
  });

  it("running instances keep their version; new ones take the newest published version", async () => {
    const { admin, template } = await draft();
    await admin.client.workflows.templates.publish.mutate({ id: template.id });
    const { project, editor, owner } = await projectWithTeam(api);
    const data = { amount: 10, category: "it" };
    const onV1 = await editor.client.workflows.instances.create.mutate({
      projectId: project.id,
      templateKey: template.key,
      title: "Old",
      data,
    });

    const v2Definition = purchaseDefinition();
    const submit = v2Definition.transitions.find((t) => t.key === "submit");
    if (!submit) throw new Error("fixture changed");
    submit.key = "send";
    submit.name = "Send";
    const v2Timeout = v2Definition.states.find((s) => s.key === "submitted");
    if (v2Timeout) delete v2Timeout.timeout;
    const v2 = await admin.client.workflows.templates.update.mutate({
      id: template.id,
      data: { definition: v2Definition },
    });
    await admin.client.workflows.templates.publish.mutate({ id: v2.id });

    const onV2 = await editor.client.workflows.instances.create.mutate({
      projectId: project.id,
      templateKey: template.key,
      title: "New",
      data,
    });
    expect(onV2).toMatchObject({ templateId: v2.id, template: { version: 2 } });
    expect(
      (await owner.client.workflows.instances.get.query({ instanceId: onV1.id })).template.version,
    ).toBe(1);

    // Each runs on its own definition.
    const oldOffer = await editor.client.workflows.instances.availableTransitions.query({
      instanceId: onV1.id,
    });
    expect(oldOffer.transitions.map((t) => t.key)).toEqual(["submit"]);
    const newOffer = await editor.client.workflows.instances.availableTransitions.query({
      instanceId: onV2.id,
    });
    expect(newOffer.transitions.map((t) => t.key)).toEqual(["send"]);
    await editor.client.workflows.instances.transition.mutate({
      instanceId: onV1.id,
      transitionKey: "submit",
      expectedVersion: 1,
    });
    const wrong = await failure(
      editor.client.workflows.instances.transition.mutate({
        instanceId: onV2.id,
        transitionKey: "submit",
        expectedVersion: 1,
      }),
    );
    expect(wrong.data).toMatchObject({ reason: "unknown_transition" });

    // Archiving v2 sends new instances back to v1, and v1's instance keeps going.
    const archived = await admin.client.workflows.templates.archive.mutate({ id: v2.id });
    expect(archived.status).toBe("archived");
    const again = await failure(admin.client.workflows.templates.archive.mutate({ id: v2.id }));
    expect(again.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "already_archived" });
    const afterArchive = await editor.client.workflows.instances.create.mutate({
      projectId: project.id,
      templateKey: template.key,
      title: "Later",
      data,
    });
    expect(afterArchive.template.version).toBe(1);
    const byArchivedId = await failure(
      editor.client.workflows.instances.create.mutate({
        projectId: project.id,
        templateId: v2.id,
        title: "X",
        data,
      }),
    );
    expect(byArchivedId.data).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "template_not_published",
    });
    await editor.client.workflows.instances.transition.mutate({
      instanceId: onV2.id,
      transitionKey: "send",
      expectedVersion: 1,
    });
  });
});
