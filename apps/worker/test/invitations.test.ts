import { randomUUID } from "node:crypto";
import { type ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashOpaqueToken } from "@fastnext/auth";
import { signedIn, signUp, type TestApi } from "@fastnext/test-support";

import { startWorkerStack, type TestSmtp, type WorkerStack } from "./support";

let stack: WorkerStack;
let api: TestApi;
let smtp: TestSmtp;

beforeAll(async () => {
  stack = await startWorkerStack();
  ({ api, smtp } = stack);
});
afterAll(() => stack.close());

/** The invitation link's secret, out of a received message. */
function invitationToken(mail: ParsedMail): string {
  const match = /https:\/\/app\.example\.com\/invitations\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "");
  if (!match?.[1]) throw new Error("no invitation link in the message");
  expect(mail.html).toContain(`https://app.example.com/invitations/${match[1]}`);
  return match[1];
}

async function mailsTo(address: string, count: number): Promise<ParsedMail[]> {
  await expect.poll(() => smtp.to(address).length, { timeout: 15_000 }).toBe(count);
  return smtp.to(address).map((m) => m.mail);
}

describe("project invitation mail", () => {
  it("mails the invited address a single-use link that registers and joins; only its hash is stored", async () => {
    const owner = await signUp(api, "Olga Owner");
    const project = await owner.client.projects.create.mutate({ name: "Harbour works" });
    const email = `new-${randomUUID()}@example.com`;
    const invitation = await owner.client.projects.invitations.create.mutate({
      projectId: project.id,
      email,
      role: "editor",
    });

    const [mail] = await mailsTo(email, 1);
    if (!mail) throw new Error("no mail");
    expect(mail.subject).toBe("Olga Owner invited you to Harbour works");
    expect(mail.text).toContain("as editor");
    expect(mail.text).toContain("7 days");
    const token = invitationToken(mail);
    const { rows } = await api.sql.query<{ token_hash: string }>(
      "SELECT token_hash FROM project_invitations WHERE id = $1",
      [invitation.id],
    );
    expect(rows[0]?.token_hash).toBe(hashOpaqueToken(token));
    expect(rows[0]?.token_hash).not.toContain(token);

    expect(await api.client().invitations.get.query({ token })).toMatchObject({
      projectName: "Harbour works",
      inviterName: "Olga Owner",
      email,
      role: "editor",
    });
    const password = "correct horse battery";
    await api.client().invitations.register.mutate({ token, name: "Nina", password });
    const nina = api.client(
      signedIn(await api.client().auth.login.mutate({ email, password })).accessToken,
    );
    expect((await nina.projects.get.query({ id: project.id })).myRole).toBe("editor");
    const reused = await api
      .client()
      .invitations.get.query({ token })
      .catch((e: unknown) => e);
    expect(reused).toMatchObject({ data: { reason: "invitation_used" } });
  });

  it("inviting again mails a new link and the earlier one stops working", async () => {
    const owner = await signUp(api, "Otto Owner");
    const member = await signUp(api, "Mara");
    const project = await owner.client.projects.create.mutate({ name: "Second run" });
    const invite = (role: "viewer" | "editor") =>
      owner.client.projects.invitations.create.mutate({
        projectId: project.id,
        email: member.email,
        role,
      });
    await invite("viewer");
    const [first] = (await mailsTo(member.email, 2)).filter((m) =>
      m.subject?.includes("Second run"),
    );
    if (!first) throw new Error("no first invitation mail");
    const firstToken = invitationToken(first);
    await invite("editor");
    await mailsTo(member.email, 3);
    const second = smtp
      .to(member.email)
      .map((m) => m.mail)
      .filter((m) => m.subject?.includes("Second run"))
      .at(-1);
    if (!second) throw new Error("no second invitation mail");
    const secondToken = invitationToken(second);
    expect(secondToken).not.toBe(firstToken);
    expect(second.text).toContain("as editor");

    const stale = await member.client.invitations.accept
      .mutate({ token: firstToken })
      .catch((e: unknown) => e);
    expect(stale).toMatchObject({ data: { reason: "invitation_invalid" } });
    expect(await member.client.invitations.accept.mutate({ token: secondToken })).toEqual({
      projectId: project.id,
      role: "editor",
      joined: true,
    });
  });
});
