import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { generateOpaqueToken, hashOpaqueToken } from "@fastnext/auth";
import { withScope } from "@fastnext/db";
import { createRateLimiter } from "@fastnext/rate-limit";
import {
  failure,
  signedIn,
  signInAdmin,
  signUp,
  startApi,
  type TestApi,
} from "@fastnext/test-support";

import { countStatements, projectWithTeam } from "./workflow-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

type Person = Awaited<ReturnType<typeof signUp>>;

const newAddress = () => `invitee-${randomUUID()}@example.com`;

/**
 * A link for an invitation whose secret the test knows. The worker's mail
 * handler sets the hash when it sends the link; here the test plays that
 * part (apps/worker/test/delivery.test.ts covers the real one).
 */
async function issueLink(invitationId: string): Promise<string> {
  const token = generateOpaqueToken();
  const { rowCount } = await api.sql.query(
    "UPDATE project_invitations SET token_hash = $2 WHERE id = $1",
    [invitationId, hashOpaqueToken(token)],
  );
  if (rowCount !== 1) throw new Error("no such invitation");
  return token;
}

async function invite(
  owner: Person,
  projectId: string,
  email: string,
  role: "owner" | "editor" | "viewer" = "editor",
) {
  const invitation = await owner.client.projects.invitations.create.mutate({
    projectId,
    email,
    role,
  });
  return { invitation, token: await issueLink(invitation.id) };
}

async function invitationRow(id: string) {
  const { rows } = await api.sql.query<{
    status: string;
    role: string;
    token_hash: string | null;
    accepted_by_id: string | null;
  }>("SELECT status, role, token_hash, accepted_by_id FROM project_invitations WHERE id = $1", [
    id,
  ]);
  return rows[0];
}

async function membership(projectId: string, userId: string): Promise<string | null> {
  const { rows } = await api.sql.query<{ role: string }>(
    "SELECT role FROM project_members WHERE project_id = $1 AND user_id = $2",
    [projectId, userId],
  );
  return rows[0]?.role ?? null;
}

async function events(name: string, key: string, value: string) {
  const { rows } = await api.sql.query<{
    payload: Record<string, unknown>;
    actor_id: string | null;
    xmin: string;
  }>(
    `SELECT payload, actor_id, xmin::text FROM domain_events WHERE name = $1 AND payload->>'${key}' = $2 ORDER BY created_at`,
    [name, value],
  );
  return rows;
}

async function actions(projectId: string): Promise<string[]> {
  const { rows } = await api.sql.query<{ action: string }>(
    "SELECT action FROM activities WHERE entity_type = 'project' AND entity_id = $1 ORDER BY created_at, action",
    [projectId],
  );
  return rows.map((row) => row.action);
}

describe("inviting by address", () => {
  it("answers the same, with the same work, for an account, an unknown address and a member: no user id or name", async () => {
    const { project, owner, viewer, outsider } = await projectWithTeam(api);
    const addresses = [outsider.email, newAddress(), viewer.email];
    const answers = [];
    const statements = [];
    for (const email of addresses) {
      let answer: unknown;
      statements.push(
        await countStatements(api, async () => {
          answer = await owner.client.projects.invitations.create.mutate({
            projectId: project.id,
            email,
            role: "editor",
          });
        }),
      );
      answers.push(answer);
    }
    for (const [i, answer] of answers.entries()) {
      expect(answer).toEqual({
        id: expect.any(String),
        projectId: project.id,
        email: addresses[i],
        role: "editor",
        status: "pending",
        invitedById: owner.id,
        createdAt: expect.any(Date),
        sentAt: expect.any(Date),
        expiresAt: expect.any(Date),
      });
      expect(JSON.stringify(answer)).not.toContain(outsider.id);
      expect(JSON.stringify(answer)).not.toContain("Outsider");
    }
    expect(new Set(statements).size).toBe(1);
    // Nobody was added: joining takes the invitee's own accept.
    expect(await membership(project.id, outsider.id)).toBeNull();
    expect(await membership(project.id, viewer.id)).toBe("viewer");
  });

  it("records the invitation, its activity and project.invitation_created in one transaction; no secret is stored yet", async () => {
    const { project, owner } = await projectWithTeam(api);
    const email = newAddress();
    const invitation = await owner.client.projects.invitations.create.mutate({
      projectId: project.id,
      email: `  ${email.toUpperCase()} `,
      role: "viewer",
    });
    expect(invitation.email).toBe(email);
    expect(invitation.expiresAt.getTime() - invitation.sentAt.getTime()).toBe(7 * 86_400_000);
    const { rows } = await api.sql.query<{ xmin: string; token_hash: string | null }>(
      "SELECT xmin::text, token_hash FROM project_invitations WHERE id = $1",
      [invitation.id],
    );
    expect(rows[0]?.token_hash).toBeNull();
    const raised = await events("project.invitation_created", "invitationId", invitation.id);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      payload: {
        invitationId: invitation.id,
        projectId: project.id,
        sentAt: invitation.sentAt.toISOString(),
      },
      actor_id: owner.id,
      xmin: rows[0]?.xmin,
    });
    expect(await actions(project.id)).toContain("project.invitation_create");
  });

  it("inviting a pending address again refreshes that invitation: new role and expiry, and the old link stops working", async () => {
    const { project, owner } = await projectWithTeam(api);
    const email = newAddress();
    const first = await invite(owner, project.id, email, "viewer");
    await api.sql.query(
      "UPDATE project_invitations SET expires_at = now() - interval '1 day' WHERE id = $1",
      [first.invitation.id],
    );
    const again = await owner.client.projects.invitations.create.mutate({
      projectId: project.id,
      email,
      role: "editor",
    });
    expect(again.id).toBe(first.invitation.id);
    expect(again.role).toBe("editor");
    expect(again.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect(
      (await failure(api.client().invitations.get.query({ token: first.token }))).data,
    ).toMatchObject({
      code: "NOT_FOUND",
      reason: "invitation_invalid",
    });
    const { rows } = await api.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM project_invitations WHERE project_id = $1 AND email = $2",
      [project.id, email],
    );
    expect(rows[0]?.n).toBe(1);
    expect(await events("project.invitation_created", "invitationId", again.id)).toHaveLength(2);
    expect(await actions(project.id)).toContain("project.invitation_refresh");
  });

  it("only owners invite, list and revoke; bad input and refusals write nothing", async () => {
    const { project, owner, editor, outsider } = await projectWithTeam(api);
    const { invitation } = await invite(owner, project.id, newAddress());
    const count = async () =>
      (
        await api.sql.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM project_invitations WHERE project_id = $1",
          [project.id],
        )
      ).rows[0]?.n;
    const before = await count();
    const eventsBefore = (await events("project.invitation_created", "projectId", project.id))
      .length;

    const create = (who: Person, email: string) =>
      failure(
        who.client.projects.invitations.create.mutate({
          projectId: project.id,
          email,
          role: "viewer",
        }),
      );
    expect((await create(editor, newAddress())).data).toMatchObject({
      code: "FORBIDDEN",
      reason: "project_role_required",
    });
    expect((await create(outsider, newAddress())).data).toMatchObject({
      code: "NOT_FOUND",
      reason: "project_not_found",
    });
    expect((await create(owner, "not an address")).data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { email: [expect.any(String)] },
    });
    const anonymous = await failure(
      api.client().projects.invitations.create.mutate({
        projectId: project.id,
        email: newAddress(),
        role: "viewer",
      }),
    );
    expect(anonymous.data).toMatchObject({ code: "UNAUTHORIZED" });

    for (const who of [editor, outsider]) {
      expect(
        (await failure(who.client.projects.invitations.list.query({ projectId: project.id }))).data
          ?.code,
      ).toMatch(/FORBIDDEN|NOT_FOUND/);
      expect(
        (
          await failure(
            who.client.projects.invitations.revoke.mutate({
              projectId: project.id,
              invitationId: invitation.id,
            }),
          )
        ).data?.code,
      ).toMatch(/FORBIDDEN|NOT_FOUND/);
    }
    expect(await count()).toBe(before);
    expect(await events("project.invitation_created", "projectId", project.id)).toHaveLength(
      eventsBefore,
    );
    expect((await invitationRow(invitation.id))?.status).toBe("pending");
  });

  it("the owner lists pending invitations newest first, in pages, and revokes one", async () => {
    const { project, owner } = await projectWithTeam(api);
    const a = await invite(owner, project.id, newAddress());
    const b = await invite(owner, project.id, newAddress());
    const c = await invite(owner, project.id, newAddress());
    const first = await owner.client.projects.invitations.list.query({
      projectId: project.id,
      limit: 2,
    });
    expect(first.items.map((i) => i.id)).toEqual([c.invitation.id, b.invitation.id]);
    const second = await owner.client.projects.invitations.list.query({
      projectId: project.id,
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.items.map((i) => i.id)).toEqual([a.invitation.id]);
    expect(second.nextCursor).toBeNull();

    await owner.client.projects.invitations.revoke.mutate({
      projectId: project.id,
      invitationId: b.invitation.id,
    });
    const after = await owner.client.projects.invitations.list.query({ projectId: project.id });
    expect(after.items.map((i) => i.id)).toEqual([c.invitation.id, a.invitation.id]);
    expect(
      (await failure(api.client().invitations.get.query({ token: b.token }))).data,
    ).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "invitation_revoked",
    });
    const twice = await failure(
      owner.client.projects.invitations.revoke.mutate({
        projectId: project.id,
        invitationId: b.invitation.id,
      }),
    );
    expect(twice.data).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "invitation_not_pending",
    });
    const unknown = await failure(
      owner.client.projects.invitations.revoke.mutate({
        projectId: project.id,
        invitationId: randomUUID(),
      }),
    );
    expect(unknown.data).toMatchObject({ code: "NOT_FOUND", reason: "invitation_not_found" });
    expect(await actions(project.id)).toContain("project.invitation_revoke");
  });

  it("is rate limited per inviter", async () => {
    const { project, owner, editor } = await projectWithTeam(api);
    await owner.client.projects.members.updateRole.mutate({
      projectId: project.id,
      userId: editor.id,
      role: "owner",
    });
    const original = api.deps.limiters.invitationsPerInviter;
    api.deps.limiters.invitationsPerInviter = createRateLimiter({
      keyPrefix: `invite-${randomUUID()}`,
      points: 2,
      durationSeconds: 300,
    });
    try {
      for (let i = 0; i < 2; i += 1) await invite(owner, project.id, newAddress());
      const email = newAddress();
      const limited = await failure(
        owner.client.projects.invitations.create.mutate({
          projectId: project.id,
          email,
          role: "viewer",
        }),
      );
      expect(limited.data).toMatchObject({ code: "TOO_MANY_REQUESTS", reason: "rate_limited" });
      const { rows } = await api.sql.query("SELECT 1 FROM project_invitations WHERE email = $1", [
        email,
      ]);
      expect(rows).toHaveLength(0);
      // Another owner has their own allowance.
      await invite(editor, project.id, newAddress());
    } finally {
      api.deps.limiters.invitationsPerInviter = original;
    }
  });
});

describe("the invitee's link", () => {
  it("shows project, inviter, role, address and expiry to the holder of a valid link, and nothing otherwise", async () => {
    const { project, owner } = await projectWithTeam(api);
    const email = newAddress();
    const { invitation, token } = await invite(owner, project.id, email, "viewer");
    expect(await api.client().invitations.get.query({ token })).toEqual({
      projectName: project.name,
      inviterName: "Owner",
      email,
      role: "viewer",
      expiresAt: invitation.expiresAt,
    });
    expect(
      (await failure(api.client().invitations.get.query({ token: generateOpaqueToken() }))).data,
    ).toMatchObject({
      code: "NOT_FOUND",
      reason: "invitation_invalid",
    });
    expect(
      (await failure(api.client().invitations.get.query({ token: "short" }))).data,
    ).toMatchObject({
      code: "BAD_REQUEST",
    });
    await api.sql.query(
      "UPDATE project_invitations SET expires_at = now() - interval '1 second' WHERE id = $1",
      [invitation.id],
    );
    expect((await failure(api.client().invitations.get.query({ token }))).data).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "invitation_expired",
    });
  });

  it("accepting joins with the role offered, once: member_added and the activity commit with the spent invitation", async () => {
    const { project, owner, outsider } = await projectWithTeam(api);
    const { invitation, token } = await invite(owner, project.id, outsider.email, "editor");
    expect(await outsider.client.invitations.accept.mutate({ token })).toEqual({
      projectId: project.id,
      role: "editor",
      joined: true,
    });
    expect((await outsider.client.projects.get.query({ id: project.id })).myRole).toBe("editor");
    expect(await invitationRow(invitation.id)).toMatchObject({
      status: "accepted",
      accepted_by_id: outsider.id,
    });
    const added = await events("project.member_added", "userId", outsider.id);
    expect(added).toHaveLength(1);
    expect(added[0]?.payload).toEqual({
      projectId: project.id,
      userId: outsider.id,
      role: "editor",
    });
    const { rows } = await api.sql.query<{ xmin: string }>(
      "SELECT xmin::text FROM project_invitations WHERE id = $1",
      [invitation.id],
    );
    expect(added[0]?.xmin).toBe(rows[0]?.xmin);
    expect(await actions(project.id)).toEqual(
      expect.arrayContaining(["project.invitation_accept", "project.member_add"]),
    );

    const again = await failure(outsider.client.invitations.accept.mutate({ token }));
    expect(again.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "invitation_used" });
    expect((await failure(api.client().invitations.get.query({ token }))).data?.reason).toBe(
      "invitation_used",
    );
  });

  it("refuses another account, an expired, revoked or declined invitation, and anonymous callers, changing nothing", async () => {
    const { project, owner, outsider } = await projectWithTeam(api);
    const stranger = await signUp(api, "Stranger");
    const { invitation, token } = await invite(owner, project.id, outsider.email);
    const wrong = await failure(stranger.client.invitations.accept.mutate({ token }));
    expect(wrong.data).toMatchObject({ code: "FORBIDDEN", reason: "invitation_other_account" });
    expect(
      (await failure(stranger.client.invitations.decline.mutate({ token }))).data?.reason,
    ).toBe("invitation_other_account");
    expect((await failure(api.client().invitations.accept.mutate({ token }))).data?.code).toBe(
      "UNAUTHORIZED",
    );
    expect(await membership(project.id, stranger.id)).toBeNull();
    expect((await invitationRow(invitation.id))?.status).toBe("pending");

    await api.sql.query(
      "UPDATE project_invitations SET expires_at = now() - interval '1 second' WHERE id = $1",
      [invitation.id],
    );
    expect(
      (await failure(outsider.client.invitations.accept.mutate({ token }))).data,
    ).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "invitation_expired",
    });
    expect(await membership(project.id, outsider.id)).toBeNull();

    const revoked = await invite(owner, project.id, outsider.email);
    await owner.client.projects.invitations.revoke.mutate({
      projectId: project.id,
      invitationId: revoked.invitation.id,
    });
    expect(
      (await failure(outsider.client.invitations.accept.mutate({ token: revoked.token }))).data
        ?.reason,
    ).toBe("invitation_revoked");

    const declined = await invite(owner, project.id, outsider.email, "viewer");
    expect(await outsider.client.invitations.decline.mutate({ token: declined.token })).toEqual({
      ok: true,
    });
    expect((await invitationRow(declined.invitation.id))?.status).toBe("declined");
    expect(
      (await failure(outsider.client.invitations.accept.mutate({ token: declined.token }))).data
        ?.reason,
    ).toBe("invitation_used");
    expect(await membership(project.id, outsider.id)).toBeNull();
    expect(await actions(project.id)).toContain("project.invitation_decline");
  });

  it("two accepts of one link at the same moment: one joins, the other is refused as used", async () => {
    const { project, owner, outsider } = await projectWithTeam(api);
    const { token } = await invite(owner, project.id, outsider.email, "viewer");
    const outcomes = await Promise.allSettled([
      outsider.client.invitations.accept.mutate({ token }),
      outsider.client.invitations.accept.mutate({ token }),
    ]);
    const joined = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.flatMap((o) =>
      o.status === "rejected" ? [o.reason as { data?: unknown }] : [],
    );
    expect(joined).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.data).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "invitation_used",
    });
    expect(await membership(project.id, outsider.id)).toBe("viewer");
    expect(await events("project.member_added", "userId", outsider.id)).toHaveLength(1);
  });

  it("a member who accepts keeps the role they have: an invitation never changes a role", async () => {
    const { project, owner, viewer } = await projectWithTeam(api);
    const before = (await events("project.member_added", "userId", viewer.id)).length;
    const { invitation, token } = await invite(owner, project.id, viewer.email, "owner");
    expect(await viewer.client.invitations.accept.mutate({ token })).toEqual({
      projectId: project.id,
      role: "viewer",
      joined: false,
    });
    expect(await membership(project.id, viewer.id)).toBe("viewer");
    expect((await invitationRow(invitation.id))?.status).toBe("accepted");
    expect(await events("project.member_added", "userId", viewer.id)).toHaveLength(before);
  });

  it("an address with no account registers from the link and joins in one step; the address is the invitation's", async () => {
    const { project, owner } = await projectWithTeam(api);
    const email = newAddress();
    const { invitation, token } = await invite(owner, project.id, email, "viewer");
    const password = "correct horse battery";
    const result = await api
      .client()
      .invitations.register.mutate({ token, name: "Nina New", password });
    expect(result.user).toMatchObject({ email, name: "Nina New" });
    expect(result.membership).toEqual({ projectId: project.id, role: "viewer", joined: true });
    expect(await membership(project.id, result.user.id)).toBe("viewer");
    expect(await invitationRow(invitation.id)).toMatchObject({
      status: "accepted",
      accepted_by_id: result.user.id,
    });

    const session = signedIn(await api.client().auth.login.mutate({ email, password }));
    const nina = api.client(session.accessToken);
    expect((await nina.projects.get.query({ id: project.id })).myRole).toBe("viewer");
    const reused = await failure(
      api.client().invitations.register.mutate({ token, name: "Again", password }),
    );
    expect(reused.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "invitation_used" });
  });

  it("registering from a link whose address already has an account, or with a weak password, creates nothing", async () => {
    const { project, owner, outsider } = await projectWithTeam(api);
    const { invitation, token } = await invite(owner, project.id, outsider.email);
    const taken = await failure(
      api
        .client()
        .invitations.register.mutate({ token, name: "Twin", password: "correct horse battery" }),
    );
    expect(taken.data).toMatchObject({ code: "CONFLICT", reason: "email_taken" });
    const fresh = await invite(owner, project.id, newAddress());
    const weak = await failure(
      api
        .client()
        .invitations.register.mutate({ token: fresh.token, name: "Weak", password: "short" }),
    );
    expect(weak.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { password: [expect.any(String)] },
    });
    for (const id of [invitation.id, fresh.invitation.id])
      expect((await invitationRow(id))?.status).toBe("pending");
    const { rows } = await api.sql.query("SELECT 1 FROM users WHERE email = $1", [
      fresh.invitation.email,
    ]);
    expect(rows).toHaveLength(0);
  });

  it("follows the operator's registration switch: with registration closed the link cannot create an account", async () => {
    const { project, owner } = await projectWithTeam(api);
    const { invitation, token } = await invite(owner, project.id, newAddress());
    const admin = await signInAdmin(api);
    await admin.client.admin.system.settings.update.mutate({
      featureFlags: { registrationOpen: false },
    });
    try {
      const closed = await failure(
        api
          .client()
          .invitations.register.mutate({ token, name: "Late", password: "correct horse battery" }),
      );
      expect(closed.data).toMatchObject({ code: "FORBIDDEN", reason: "registration_closed" });
    } finally {
      await admin.client.admin.system.settings.update.mutate({
        featureFlags: { registrationOpen: true },
      });
    }
    expect((await invitationRow(invitation.id))?.status).toBe("pending");
    const { rows } = await api.sql.query("SELECT 1 FROM users WHERE email = $1", [
      invitation.email,
    ]);
    expect(rows).toHaveLength(0);
  });
});

describe("row level security on project_invitations", () => {
  const scoped = <T>(userId: string, work: Parameters<typeof withScope<T>>[2]) =>
    withScope(api.deps.pool, { userId, permissions: [] }, work);

  it("owners see their project's invitations; co-members and outsiders see none; the invitee sees only theirs", async () => {
    const { project, owner, editor, outsider } = await projectWithTeam(api);
    const mine = await invite(owner, project.id, outsider.email);
    await invite(owner, project.id, newAddress());
    const visible = (userId: string) =>
      scoped(userId, (tx) =>
        tx.projectInvitation.findMany({ where: { projectId: project.id }, select: { id: true } }),
      );
    expect(await visible(owner.id)).toHaveLength(2);
    expect(await visible(editor.id)).toEqual([]);
    expect((await visible(outsider.id)).map((row) => row.id)).toEqual([mine.invitation.id]);
    const stranger = await signUp(api, "Stranger");
    expect(await visible(stranger.id)).toEqual([]);
    // Without anyone signed in, nothing at all.
    expect(
      await withScope(api.deps.pool, { userId: null, permissions: [] }, (tx) =>
        tx.projectInvitation.count(),
      ),
    ).toBe(0);
  });

  it("the invitee may only answer: not raise the role, not revive a spent invitation, not add themself otherwise", async () => {
    const { project, owner, outsider } = await projectWithTeam(api);
    const { invitation } = await invite(owner, project.id, outsider.email, "viewer");
    await expect(
      scoped(
        outsider.id,
        (tx) =>
          tx.$executeRaw`UPDATE project_invitations SET role = 'owner' WHERE id = ${invitation.id}::uuid`,
      ),
    ).rejects.toThrow(/row-level security|project_invitations/);
    await expect(
      scoped(
        outsider.id,
        (tx) =>
          tx.$executeRaw`INSERT INTO project_members (project_id, user_id, role) VALUES (${project.id}::uuid, ${outsider.id}::uuid, 'owner')`,
      ),
    ).rejects.toThrow(/row-level security/);
    await outsider.client.invitations.decline.mutate({ token: await issueLink(invitation.id) });
    await expect(
      scoped(
        outsider.id,
        (tx) =>
          tx.$executeRaw`UPDATE project_invitations SET status = 'accepted', accepted_by_id = ${outsider.id}::uuid WHERE id = ${invitation.id}::uuid`,
      ),
    ).rejects.toThrow(/cannot change/);
    await expect(
      scoped(
        outsider.id,
        (tx) =>
          tx.$executeRaw`INSERT INTO project_members (project_id, user_id, role) VALUES (${project.id}::uuid, ${outsider.id}::uuid, 'viewer')`,
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await membership(project.id, outsider.id)).toBeNull();
  });

  it("the address lookup that told owners who has an account is gone", async () => {
    const { rows } = await api.sql.query<{ fn: string | null }>(
      "SELECT to_regprocedure('app.project_invitee_id(uuid, text)')::text AS fn",
    );
    expect(rows[0]?.fn).toBeNull();
  });
});
