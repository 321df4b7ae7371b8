import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, signUp, startApi, type TestApi } from "@fastnext/test-support";

import { projectWithTeam } from "./workflow-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

async function roles(projectId: string): Promise<Record<string, string>> {
  const { rows } = await api.sql.query<{ user_id: string; role: string }>(
    "SELECT user_id, role FROM project_members WHERE project_id = $1",
    [projectId],
  );
  return Object.fromEntries(rows.map((row) => [row.user_id, row.role]));
}

async function memberEvents(projectId: string) {
  const { rows } = await api.sql.query<{ payload: unknown; actor_id: string }>(
    "SELECT payload, actor_id FROM domain_events WHERE name = 'project.member_added' AND payload->>'projectId' = $1 ORDER BY created_at",
    [projectId],
  );
  return rows;
}

/** Waits until `count` sessions of the test database are blocked on a lock. */
async function waitForLockWaits(count: number): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const { rows } = await api.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
      [api.db.name],
    );
    if ((rows[0]?.n ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${count} sessions ever waited for a lock`);
}

describe("adding members", () => {
  it("the owner adds a user by id: project.member_added is raised and the user now sees the project", async () => {
    const { project, owner, outsider } = await projectWithTeam(api);
    const before = await memberEvents(project.id);
    const member = await owner.client.projects.members.add.mutate({
      projectId: project.id,
      userId: outsider.id,
      role: "editor",
    });
    expect(member).toMatchObject({
      projectId: project.id,
      userId: outsider.id,
      role: "editor",
      name: "Outsider",
      addedById: owner.id,
    });
    const events = await memberEvents(project.id);
    expect(events).toHaveLength(before.length + 1);
    expect(events.at(-1)).toEqual({
      actor_id: owner.id,
      payload: { projectId: project.id, userId: outsider.id, role: "editor" },
    });
    const { rows } = await api.sql.query(
      "SELECT actor_id, changes FROM activities WHERE entity_id = $1 AND action = 'project.member_add' ORDER BY created_at DESC LIMIT 1",
      [project.id],
    );
    expect(rows).toEqual([
      {
        actor_id: owner.id,
        changes: {
          before: { userId: null, role: null },
          after: { userId: outsider.id, role: "editor" },
        },
      },
    ]);
    expect((await outsider.client.projects.get.query({ id: project.id })).myRole).toBe("editor");
  });

  it("refuses editors, outsiders, unknown users and duplicates, writing nothing", async () => {
    const { project, owner, editor, viewer, outsider } = await projectWithTeam(api);
    const before = {
      roles: await roles(project.id),
      events: (await memberEvents(project.id)).length,
    };

    const byEditor = await failure(
      editor.client.projects.members.add.mutate({
        projectId: project.id,
        userId: outsider.id,
        role: "viewer",
      }),
    );
    expect(byEditor.data).toMatchObject({
      code: "FORBIDDEN",
      reason: "project_role_required",
      details: { required: "owner" },
    });
    const byOutsider = await failure(
      outsider.client.projects.members.add.mutate({
        projectId: project.id,
        userId: outsider.id,
        role: "owner",
      }),
    );
    expect(byOutsider.data).toMatchObject({ code: "NOT_FOUND" });
    const unknown = await failure(
      owner.client.projects.members.add.mutate({
        projectId: project.id,
        userId: randomUUID(),
        role: "viewer",
      }),
    );
    expect(unknown.data).toMatchObject({
      code: "NOT_FOUND",
      reason: "user_not_found",
      fieldErrors: { userId: [expect.any(String)] },
    });
    const duplicate = await failure(
      owner.client.projects.members.add.mutate({
        projectId: project.id,
        userId: viewer.id,
        role: "editor",
      }),
    );
    expect(duplicate.data).toMatchObject({
      code: "CONFLICT",
      reason: "already_member",
      fieldErrors: { userId: [expect.any(String)] },
    });
    const badRole = await failure(
      owner.client.projects.members.add.mutate({
        projectId: project.id,
        userId: outsider.id,
        role: "admin" as never,
      }),
    );
    expect(badRole.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { role: [expect.any(String)] },
    });

    expect(await roles(project.id)).toEqual(before.roles);
    expect(await memberEvents(project.id)).toHaveLength(before.events);
  });

  it("lists members oldest first with names, in pages", async () => {
    const { project, owner, viewer } = await projectWithTeam(api);
    const first = await viewer.client.projects.members.list.query({
      projectId: project.id,
      limit: 2,
    });
    expect(first.items.map((m) => [m.name, m.role])).toEqual([
      ["Owner", "owner"],
      ["Editor", "editor"],
    ]);
    const second = await viewer.client.projects.members.list.query({
      projectId: project.id,
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map((m) => [m.name, m.role])).toEqual([["Viewer", "viewer"]]);
    expect(second.nextCursor).toBeNull();
    expect(first.items[0]?.userId).toBe(owner.id);
  });
});

describe("roles and removal", () => {
  it("the owner changes roles; nobody else may", async () => {
    const { project, owner, editor, viewer } = await projectWithTeam(api);
    const promoted = await owner.client.projects.members.updateRole.mutate({
      projectId: project.id,
      userId: viewer.id,
      role: "editor",
    });
    expect(promoted).toMatchObject({ userId: viewer.id, role: "editor", name: "Viewer" });
    const byEditor = await failure(
      editor.client.projects.members.updateRole.mutate({
        projectId: project.id,
        userId: viewer.id,
        role: "owner",
      }),
    );
    expect(byEditor.data).toMatchObject({ code: "FORBIDDEN" });
    const same = await failure(
      owner.client.projects.members.updateRole.mutate({
        projectId: project.id,
        userId: viewer.id,
        role: "editor",
      }),
    );
    expect(same.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "role_unchanged" });
    const nobody = await failure(
      owner.client.projects.members.updateRole.mutate({
        projectId: project.id,
        userId: randomUUID(),
        role: "viewer",
      }),
    );
    expect(nobody.data).toMatchObject({ code: "NOT_FOUND", reason: "member_not_found" });
    expect(await roles(project.id)).toEqual({
      [owner.id]: "owner",
      [editor.id]: "editor",
      [viewer.id]: "editor",
    });
  });

  it("owners remove anyone; members may leave; editors may not remove others", async () => {
    const { project, owner, editor, viewer } = await projectWithTeam(api);
    const byEditor = await failure(
      editor.client.projects.members.remove.mutate({ projectId: project.id, userId: viewer.id }),
    );
    expect(byEditor.data).toMatchObject({ code: "FORBIDDEN" });
    expect(
      await viewer.client.projects.members.remove.mutate({
        projectId: project.id,
        userId: viewer.id,
      }),
    ).toEqual({
      ok: true,
    });
    expect((await failure(viewer.client.projects.get.query({ id: project.id }))).data?.code).toBe(
      "NOT_FOUND",
    );
    await owner.client.projects.members.remove.mutate({ projectId: project.id, userId: editor.id });
    expect(await roles(project.id)).toEqual({ [owner.id]: "owner" });
    const { rows } = await api.sql.query<{ action: string; actor_id: string }>(
      "SELECT action, actor_id FROM activities WHERE entity_id = $1 AND action = 'project.member_remove' ORDER BY created_at",
      [project.id],
    );
    expect(rows).toEqual([
      { action: "project.member_remove", actor_id: viewer.id },
      { action: "project.member_remove", actor_id: owner.id },
    ]);
  });
});

describe("a project keeps at least one owner", () => {
  it("the service refuses to demote or remove the last owner, with reason last_owner", async () => {
    const { project, owner, editor } = await projectWithTeam(api);
    const demote = await failure(
      owner.client.projects.members.updateRole.mutate({
        projectId: project.id,
        userId: owner.id,
        role: "editor",
      }),
    );
    expect(demote.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "last_owner" });
    const leave = await failure(
      owner.client.projects.members.remove.mutate({ projectId: project.id, userId: owner.id }),
    );
    expect(leave.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "last_owner" });
    expect((await roles(project.id))[owner.id]).toBe("owner");

    // With a second owner, the first may step down.
    await owner.client.projects.members.updateRole.mutate({
      projectId: project.id,
      userId: editor.id,
      role: "owner",
    });
    await owner.client.projects.members.remove.mutate({ projectId: project.id, userId: owner.id });
    expect(await roles(project.id)).toMatchObject({ [editor.id]: "owner" });
    expect((await roles(project.id))[owner.id]).toBeUndefined();
  });

  it("two owners demoting each other at once: one succeeds, the other is refused", async () => {
    const { project, owner, editor } = await projectWithTeam(api);
    await owner.client.projects.members.updateRole.mutate({
      projectId: project.id,
      userId: editor.id,
      role: "owner",
    });
    // Hold the owner rows so both requests get past their checks and queue
    // on the lock: they really run at the same time.
    const holder = new pg.Client({ connectionString: api.db.adminUrl });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(
        "SELECT 1 FROM project_members WHERE project_id = $1 AND role = 'owner' FOR UPDATE",
        [project.id],
      );
      const calls = Promise.allSettled([
        owner.client.projects.members.updateRole.mutate({
          projectId: project.id,
          userId: editor.id,
          role: "viewer",
        }),
        editor.client.projects.members.updateRole.mutate({
          projectId: project.id,
          userId: owner.id,
          role: "viewer",
        }),
      ]);
      await waitForLockWaits(2);
      await holder.query("COMMIT");
      const outcomes = await calls;
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === "rejected");
      expect(refused?.status === "rejected" ? refused.reason : null).toMatchObject({
        data: { code: "PRECONDITION_FAILED", reason: "last_owner" },
      });
    } finally {
      await holder.end();
    }
    expect(Object.values(await roles(project.id)).filter((role) => role === "owner")).toHaveLength(
      1,
    );
  });

  it("the database refuses it too, at commit, whoever writes", async () => {
    const { project, owner } = await projectWithTeam(api);
    const direct = new pg.Client({ connectionString: api.db.adminUrl });
    await direct.connect();
    try {
      await direct.query("BEGIN");
      await direct.query("DELETE FROM project_members WHERE project_id = $1 AND user_id = $2", [
        project.id,
        owner.id,
      ]);
      await expect(direct.query("COMMIT")).rejects.toThrow(/at least one owner/);
      // Within a transaction ownership may be handed over in two steps.
      const other = await signUp(api, "Heir");
      await direct.query("BEGIN");
      await direct.query(
        "UPDATE project_members SET role = 'viewer' WHERE project_id = $1 AND user_id = $2",
        [project.id, owner.id],
      );
      await direct.query(
        "INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'owner')",
        [project.id, other.id],
      );
      await direct.query("COMMIT");
    } finally {
      await direct.end();
    }
    expect((await roles(project.id))[owner.id]).toBe("viewer");
  });
});
