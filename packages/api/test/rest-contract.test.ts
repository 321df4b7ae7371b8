/**
 * The REST surface against its own document, over real HTTP on a real
 * PostgreSQL: every documented operation answers its documented status and
 * response schema on a happy path, and every secured one answers 401 with a
 * problem document without a token.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { generateOpaqueToken, hashOpaqueToken } from "@fastnext/auth";
import { issueCode, type CodeIntent } from "@fastnext/core/identities";
import { signInAdmin, signUp, startApi, type TestApi } from "@fastnext/test-support";

import { notify } from "./notifications-fixtures";
import {
  type Document,
  fetchValidDocument,
  fill,
  operationsOf,
  rest,
  type RestAnswer,
  responseValidators,
} from "./rest-fixtures";
import { purchaseDefinition, uniqueKey } from "./workflow-fixtures";

let api: TestApi;
let document: Document;
let validatorFor: ReturnType<typeof responseValidators>;

beforeAll(async () => {
  api = await startApi();
  document = await fetchValidDocument(api.origin);
  validatorFor = responseValidators(document);
});
afterAll(async () => {
  await api.close();
});

/** What one happy-path call sends; `params` fill the path. */
interface Step {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  token?: string;
}

/** A link secret for an invitation, as the worker's mail handler would set it. */
async function issueInvitationLink(invitationId: string): Promise<string> {
  const token = generateOpaqueToken();
  await api.sql.query("UPDATE project_invitations SET token_hash = $2 WHERE id = $1", [
    invitationId,
    hashOpaqueToken(token),
  ]);
  return token;
}

async function issueResetSecret(email: string): Promise<string> {
  const secret = generateOpaqueToken();
  const { rowCount } = await api.sql.query(
    `UPDATE password_reset_tokens SET token_hash = $2
      WHERE id = (SELECT t.id FROM password_reset_tokens t JOIN users u ON u.id = t.user_id
                   WHERE u.email = $1 ORDER BY t.created_at DESC LIMIT 1)`,
    [email, hashOpaqueToken(secret)],
  );
  if (rowCount !== 1) throw new Error("no reset request was recorded");
  return secret;
}

/** A TOTP code for the step after the last one the server accepted for `userId`. */
async function nextCode(userId: string, secret: string): Promise<string> {
  const { rows } = await api.sql.query<{ step: number | null }>(
    "SELECT two_factor_last_step AS step FROM users WHERE id = $1",
    [userId],
  );
  const now = Math.floor(Date.now() / 30_000);
  const last = rows[0]?.step ?? null;
  const step = last === null ? now : Math.max(now, last + 1);
  return generate({ secret, epoch: step * 30 });
}

/**
 * A one-time code as the external sign-in's callback issues it, with the
 * PKCE verifier that redeems it (the provider's side is tested in
 * oauth-sign-in.test.ts against a real OIDC provider).
 */
async function issueExternalCode(intent: CodeIntent, userId: string | null) {
  const codeVerifier = randomBytes(32).toString("base64url");
  const redirectUri = "fastnext://auth";
  const code = await issueCode(api.deps, {
    intent,
    userId,
    provider: "oidc",
    accountId: randomUUID(),
    email: `external-${randomUUID()}@example.com`,
    codeChallenge: createHash("sha256").update(codeVerifier).digest("base64url"),
    redirectUri,
    ttlSeconds: 60,
  });
  return { code, codeVerifier, redirectUri };
}

/** A failed delivery to redeliver, as the worker would have recorded it. */
async function recordFailedDelivery(endpointId: string): Promise<string> {
  const { rows } = await api.sql.query<{ id: string }>(
    `INSERT INTO webhook_deliveries (id, endpoint_id, event_name, body, status, attempts)
     VALUES (gen_random_uuid(), $1, 'user.registered', '{}', 'failed', 3) RETURNING id`,
    [endpointId],
  );
  return rows[0]?.id ?? "";
}

function field(body: unknown, ...path: string[]): string {
  let value: unknown = body;
  for (const key of path) value = (value as Record<string, unknown> | null)?.[key];
  if (typeof value !== "string") throw new Error(`no string at ${path.join(".")}`);
  return value;
}

function itemsOf(body: unknown): Record<string, unknown>[] {
  const items = (body as { items?: unknown } | null)?.items ?? body;
  if (!Array.isArray(items)) throw new Error("no list in the answer");
  return items as Record<string, unknown>[];
}

describe("the REST contract", () => {
  it("every documented operation answers its documented status and schema on a happy path", async () => {
    const admin = await signInAdmin(api);
    const owner = await signUp(api, "Owner");
    const member = await signUp(api, "Member");
    const invitee = await signUp(api, "Invitee");
    const decliner = await signUp(api, "Decliner");
    const passwordChanger = await signUp(api, "Changer");
    const everywhere = await signUp(api, "Everywhere");
    const twoFactor = await signUp(api, "Second factor");
    const newcomer = `newcomer-${randomUUID()}@example.com`;
    const invitedNewcomer = `invited-${randomUUID()}@example.com`;
    const state: Record<string, string> = {};
    const save = (key: string, value: string) => {
      state[key] = value;
    };
    const get = (key: string) => {
      const value = state[key];
      if (value === undefined) throw new Error(`no ${key} yet`);
      return value;
    };
    const as = (person: { accessToken: string }) => person.accessToken;

    // In the order they run; each step may keep what later ones need.
    const importRun = () => ({
      projectId: get("projectId"),
      uploadId: get("uploadId"),
      fileName: "orders.csv",
      templateKey: get("templateKey"),
      mapping: { title: "Title", fields: { amount: "Amount", category: "Category" } },
    });
    const scenarios: [string, () => Promise<Step> | Step, ((body: unknown) => void)?][] = [
      ["system-health", () => ({})],
      [
        "auth-register",
        () => ({ body: { email: newcomer, name: "New", password: "correct horse battery" } }),
      ],
      [
        "auth-login",
        () => ({ body: { email: owner.email, password: owner.password, deviceLabel: "REST" } }),
        (body) => save("refreshToken", field(body, "refreshToken")),
      ],
      [
        "auth-refresh",
        () => ({ body: { refreshToken: get("refreshToken") } }),
        (body) => save("refreshToken", field(body, "refreshToken")),
      ],
      ["auth-logout", () => ({ body: { refreshToken: get("refreshToken") } })],
      [
        "auth-sessions-list",
        () => ({ token: as(member) }),
        (body) => save("sessionId", String(itemsOf(body).find((s) => s.current === false)?.id)),
      ],
      [
        "auth-sessions-revoke",
        async () => {
          // A second device of the member, to sign out.
          await rest(api.origin, "POST", "/auth/login", {
            body: { email: member.email, password: member.password },
          });
          const list = await rest(api.origin, "GET", "/auth/sessions", { token: as(member) });
          const other = itemsOf(list.body).find((session) => session.current === false);
          return { token: as(member), params: { sessionId: String(other?.id) } };
        },
      ],
      [
        "auth-changePassword",
        () => ({
          token: as(passwordChanger),
          body: {
            currentPassword: passwordChanger.password,
            newPassword: "a different passphrase",
          },
        }),
      ],
      ["auth-requestPasswordReset", () => ({ body: { email: member.email } })],
      [
        "auth-resetPassword",
        async () => ({
          body: { token: await issueResetSecret(member.email), password: "brand new passphrase" },
        }),
      ],
      ["users-me", () => ({ token: as(owner) })],
      ["users-updateProfile", () => ({ token: as(owner), body: { name: "Owner Renamed" } })],
      ["users-settings-get", () => ({ token: as(owner) })],
      ["users-settings-update", () => ({ token: as(owner), body: { theme: "dark" } })],
      [
        "users-activities-list",
        () => ({ token: as(owner), query: { limit: "5" } }),
        (body) => save("activityId", String(itemsOf(body)[0]?.id)),
      ],
      ["users-activities-get", () => ({ token: as(owner), params: { id: get("activityId") } })],
      [
        "users-security-twoFactor-setup",
        () => ({ token: as(twoFactor) }),
        (body) => save("secret", field(body, "secret")),
      ],
      [
        "users-security-twoFactor-confirm",
        async () => ({
          token: as(twoFactor),
          body: { code: await nextCode(twoFactor.id, get("secret")) },
        }),
      ],
      [
        "auth-verifyTwoFactor",
        async () => {
          const login = await rest(api.origin, "POST", "/auth/login", {
            body: { email: twoFactor.email, password: twoFactor.password },
          });
          return {
            body: {
              challengeToken: field(login.body, "challengeToken"),
              code: await nextCode(twoFactor.id, get("secret")),
            },
          };
        },
      ],
      [
        "users-security-twoFactor-disable",
        () => ({ token: as(twoFactor), body: { password: twoFactor.password } }),
      ],
      ["admin-users-list", () => ({ token: as(admin), query: { limit: "5", isActive: "true" } })],
      ["admin-users-get", () => ({ token: as(admin), params: { id: member.id } })],
      [
        "admin-users-create",
        () => ({
          token: as(admin),
          body: { name: "Created", email: `created-${randomUUID()}@example.com` },
        }),
      ],
      [
        "admin-users-update",
        () => ({
          token: as(admin),
          params: { id: member.id },
          body: { data: { name: "Member B" } },
        }),
      ],
      [
        "admin-users-setActive",
        () => ({ token: as(admin), params: { id: member.id }, body: { isActive: true } }),
      ],
      [
        "admin-users-setActiveMany",
        () => ({ token: as(admin), body: { ids: [member.id], isActive: true } }),
      ],
      [
        "admin-users-setRoles",
        async () => {
          const roles = await rest(api.origin, "GET", "/admin/roles", { token: as(admin) });
          const role = itemsOf(roles.body).find((each) => each.isDefault === true);
          return {
            token: as(admin),
            params: { userId: member.id },
            body: { roleKeys: [String(role?.key)] },
          };
        },
      ],
      ["admin-roles-list", () => ({ token: as(admin) })],
      [
        "admin-roles-create",
        () => ({ token: as(admin), body: { key: uniqueKey("role"), name: "Auditors" } }),
        (body) => save("roleId", field(body, "id")),
      ],
      ["admin-roles-get", () => ({ token: as(admin), params: { id: get("roleId") } })],
      [
        "admin-roles-update",
        () => ({
          token: as(admin),
          params: { id: get("roleId") },
          body: { data: { name: "Audit" } },
        }),
      ],
      [
        "admin-roles-setPermissions",
        () => ({
          token: as(admin),
          params: { id: get("roleId") },
          body: { permissionKeys: ["project.create"] },
        }),
      ],
      ["admin-roles-delete", () => ({ token: as(admin), params: { id: get("roleId") } })],
      ["admin-permissions-list", () => ({ token: as(admin) })],
      ["admin-system-stats", () => ({ token: as(admin) })],
      ["admin-system-settings-get", () => ({ token: as(admin) })],
      ["admin-system-settings-update", () => ({ token: as(admin), body: {} })],
      ["admin-activities-list", () => ({ token: as(admin), query: { limit: "5" } })],
      [
        "projects-create",
        () => ({ token: as(owner), body: { name: `Project ${uniqueKey("p")}` } }),
        (body) => save("projectId", field(body, "id")),
      ],
      ["projects-list", () => ({ token: as(owner), query: { archived: "false", limit: "10" } })],
      ["projects-get", () => ({ token: as(owner), params: { id: get("projectId") } })],
      [
        "projects-update",
        () => ({
          token: as(owner),
          params: { id: get("projectId") },
          body: { data: { name: "Renamed" } },
        }),
      ],
      ["projects-archive", () => ({ token: as(owner), params: { id: get("projectId") } })],
      ["projects-unarchive", () => ({ token: as(owner), params: { id: get("projectId") } })],
      [
        "projects-members-add",
        () => ({
          token: as(owner),
          params: { projectId: get("projectId") },
          body: { userId: member.id, role: "viewer" },
        }),
      ],
      [
        "projects-members-list",
        () => ({ token: as(owner), params: { projectId: get("projectId") } }),
      ],
      [
        "projects-members-updateRole",
        () => ({
          token: as(owner),
          params: { projectId: get("projectId"), userId: member.id },
          body: { role: "editor" },
        }),
      ],
      [
        "projects-members-remove",
        () => ({ token: as(owner), params: { projectId: get("projectId"), userId: member.id } }),
      ],
      [
        "projects-invitations-create",
        () => ({
          token: as(owner),
          params: { projectId: get("projectId") },
          body: { email: `revoked-${randomUUID()}@example.com`, role: "viewer" },
        }),
        (body) => save("invitationId", field(body, "id")),
      ],
      [
        "projects-invitations-list",
        () => ({ token: as(owner), params: { projectId: get("projectId") } }),
      ],
      [
        "projects-invitations-revoke",
        () => ({
          token: as(owner),
          params: { projectId: get("projectId"), invitationId: get("invitationId") },
        }),
      ],
      [
        "invitations-get",
        async () => {
          const invitation = await owner.client.projects.invitations.create.mutate({
            projectId: get("projectId"),
            email: invitedNewcomer,
            role: "viewer",
          });
          save("newcomerToken", await issueInvitationLink(invitation.id));
          return { params: { token: get("newcomerToken") } };
        },
      ],
      [
        "invitations-register",
        () => ({
          params: { token: get("newcomerToken") },
          body: { name: "Invited", password: "correct horse battery" },
        }),
      ],
      [
        "invitations-accept",
        async () => {
          const invitation = await owner.client.projects.invitations.create.mutate({
            projectId: get("projectId"),
            email: invitee.email,
            role: "viewer",
          });
          return {
            token: as(invitee),
            params: { token: await issueInvitationLink(invitation.id) },
          };
        },
      ],
      [
        "invitations-decline",
        async () => {
          const invitation = await owner.client.projects.invitations.create.mutate({
            projectId: get("projectId"),
            email: decliner.email,
            role: "viewer",
          });
          return {
            token: as(decliner),
            params: { token: await issueInvitationLink(invitation.id) },
          };
        },
      ],
      [
        "workflows-types-create",
        () => ({ token: as(admin), body: { key: uniqueKey("type"), name: "Purchases" } }),
        (body) => save("typeId", field(body, "id")),
      ],
      ["workflows-types-list", () => ({ token: as(admin) })],
      ["workflows-types-get", () => ({ token: as(admin), params: { id: get("typeId") } })],
      [
        "workflows-types-update",
        () => ({
          token: as(admin),
          params: { id: get("typeId") },
          body: { data: { name: "Buying" } },
        }),
      ],
      [
        "workflows-types-delete",
        async () => {
          const spare = await admin.client.workflows.types.create.mutate({
            key: uniqueKey("spare"),
            name: "Spare",
          });
          return { token: as(admin), params: { id: spare.id } };
        },
      ],
      [
        "workflows-templates-create",
        () => ({
          token: as(admin),
          body: {
            typeId: get("typeId"),
            key: uniqueKey("purchase"),
            name: "Purchase request",
            definition: purchaseDefinition(),
          },
        }),
        (body) => {
          save("templateId", field(body, "id"));
          save("templateKey", field(body, "key"));
        },
      ],
      ["workflows-templates-list", () => ({ token: as(admin), query: { typeId: get("typeId") } })],
      ["workflows-templates-get", () => ({ token: as(admin), params: { id: get("templateId") } })],
      [
        "workflows-templates-update",
        () => ({
          token: as(admin),
          params: { id: get("templateId") },
          body: { data: { name: "Purchase order" } },
        }),
      ],
      [
        "workflows-templates-publish",
        () => ({ token: as(admin), params: { id: get("templateId") } }),
      ],
      [
        "projects-templates-list",
        () => ({ token: as(owner), params: { projectId: get("projectId") } }),
      ],
      [
        "projects-templates-disable",
        () => ({
          token: as(owner),
          params: { projectId: get("projectId"), templateKey: get("templateKey") },
        }),
      ],
      [
        "projects-templates-enable",
        () => ({
          token: as(owner),
          params: { projectId: get("projectId"), templateKey: get("templateKey") },
        }),
      ],
      [
        "workflows-instances-create",
        () => ({
          token: as(owner),
          body: {
            projectId: get("projectId"),
            templateKey: get("templateKey"),
            title: "Order 1",
            data: { amount: 120, category: "it" },
          },
        }),
        (body) => save("instanceId", field(body, "id")),
      ],
      [
        "workflows-instances-list",
        () => ({ token: as(owner), query: { projectId: get("projectId") } }),
      ],
      [
        "workflows-instances-get",
        () => ({ token: as(owner), params: { instanceId: get("instanceId") } }),
      ],
      [
        "workflows-instances-availableTransitions",
        () => ({ token: as(owner), params: { instanceId: get("instanceId") } }),
        (body) => {
          const transitions = (body as { transitions: { key: string }[] }).transitions;
          save("transitionKey", String(transitions[0]?.key));
        },
      ],
      [
        "workflows-instances-transition",
        async () => {
          const instance = await rest(
            api.origin,
            "GET",
            `/workflows/instances/${get("instanceId")}`,
            {
              token: as(owner),
            },
          );
          return {
            token: as(owner),
            params: { instanceId: get("instanceId") },
            body: {
              transitionKey: get("transitionKey"),
              expectedVersion: (instance.body as { version: number }).version,
            },
          };
        },
      ],
      [
        "workflows-instances-assign",
        () => ({
          token: as(owner),
          params: { instanceId: get("instanceId") },
          body: { assigneeId: owner.id },
        }),
      ],
      [
        "workflows-instances-history",
        () => ({ token: as(owner), params: { instanceId: get("instanceId") } }),
      ],
      [
        "workflows-attachments-list",
        async () => {
          // The bytes go over the file route, not the JSON surface.
          const uploaded = await fetch(
            `${api.origin}/api/attachments/instances/${get("instanceId")}`,
            {
              method: "POST",
              headers: { authorization: `Bearer ${as(owner)}`, "x-file-name": "notes.txt" },
              body: "order notes\n",
            },
          );
          save("attachmentId", field(await uploaded.json(), "id"));
          return { token: as(owner), params: { instanceId: get("instanceId") } };
        },
      ],
      [
        "workflows-attachments-delete",
        () => ({ token: as(owner), params: { attachmentId: get("attachmentId") } }),
      ],
      [
        "transfers-imports-mapping",
        async () => {
          // The file goes over the file route, not the JSON surface.
          const uploaded = await fetch(
            `${api.origin}/api/transfers/imports/projects/${get("projectId")}`,
            {
              method: "POST",
              headers: { authorization: `Bearer ${as(owner)}`, "x-file-name": "orders.csv" },
              body: "Title,Amount,Category\nStanding desk,450,office\n",
            },
          );
          save("uploadId", field(await uploaded.json(), "uploadId"));
          return {
            token: as(owner),
            query: { projectId: get("projectId"), templateKey: get("templateKey") },
          };
        },
      ],
      ["transfers-imports-dryRun", () => ({ token: as(owner), body: importRun() })],
      ["transfers-imports-create", () => ({ token: as(owner), body: importRun() })],
      [
        "workflows-comments-create",
        () => ({
          token: as(owner),
          params: { instanceId: get("instanceId") },
          body: { body: "Ordered from the usual supplier" },
        }),
        (body) => save("commentId", field(body, "id")),
      ],
      [
        "workflows-comments-list",
        () => ({ token: as(owner), params: { instanceId: get("instanceId") } }),
      ],
      [
        "workflows-comments-update",
        () => ({
          token: as(owner),
          params: { id: get("commentId") },
          body: { data: { body: "Ordered from the other supplier" } },
        }),
      ],
      [
        "workflows-instances-timeline",
        () => ({ token: as(owner), params: { instanceId: get("instanceId") } }),
      ],
      ["workflows-comments-delete", () => ({ token: as(owner), params: { id: get("commentId") } })],
      [
        "workflows-analytics-summary",
        () => ({
          token: as(owner),
          query: { templateKey: get("templateKey"), projectId: get("projectId") },
        }),
      ],
      [
        "workflows-templates-archive",
        () => ({ token: as(admin), params: { id: get("templateId") } }),
      ],
      [
        "notifications-list",
        async () => {
          save("notificationId", (await notify(api, owner.id)).id);
          await notify(api, owner.id);
          return { token: as(owner), query: { unread: "true" } };
        },
      ],
      [
        "transfers-exports-create",
        () => ({ token: as(owner), body: { resource: "projects", format: "csv" } }),
        (body) => save("transferId", field(body, "id")),
      ],
      ["transfers-list", () => ({ token: as(owner), query: { kind: "export" } })],
      ["transfers-get", () => ({ token: as(owner), params: { id: get("transferId") } })],
      ["transfers-cancel", () => ({ token: as(owner), params: { id: get("transferId") } })],
      [
        "transfers-downloadLink",
        async () => {
          // What the worker records when an export is done (no worker runs here).
          await api.sql.query(
            `UPDATE data_transfers SET status = 'succeeded', storage_key = $2,
                    expires_at = now() + interval '1 hour' WHERE id = $1`,
            [get("transferId"), `transfers/${owner.id}/${get("transferId")}.csv`],
          );
          return { token: as(owner), params: { id: get("transferId") } };
        },
      ],
      ["notifications-unreadCount", () => ({ token: as(owner) })],
      [
        "notifications-markRead",
        () => ({ token: as(owner), body: { ids: [get("notificationId")] } }),
      ],
      ["notifications-markAllRead", () => ({ token: as(owner) })],
      [
        "projects-delete",
        () => ({ token: as(owner), params: { id: get("projectId") }, query: { force: "true" } }),
      ],
      [
        "auth-oauth-exchange",
        async () => ({ body: await issueExternalCode("sign_in", everywhere.id) }),
      ],
      [
        "auth-identities-link",
        async () => ({ token: as(owner), body: await issueExternalCode("link", null) }),
      ],
      [
        "auth-identities-list",
        () => ({ token: as(owner) }),
        (body) => save("identityId", field(body, "identities", "0", "id")),
      ],
      ["auth-identities-remove", () => ({ token: as(owner), params: { id: get("identityId") } })],
      [
        "webhooks-create",
        () => ({
          token: as(admin),
          body: { url: `https://hooks.example.com/${randomUUID()}`, events: ["user.registered"] },
        }),
        (body) => save("endpointId", field(body, "endpoint", "id")),
      ],
      ["webhooks-list", () => ({ token: as(admin) })],
      ["webhooks-get", () => ({ token: as(admin), params: { id: get("endpointId") } })],
      [
        "webhooks-update",
        () => ({
          token: as(admin),
          params: { id: get("endpointId") },
          body: { data: { description: "Orders" } },
        }),
      ],
      ["webhooks-rotateSecret", () => ({ token: as(admin), params: { id: get("endpointId") } })],
      ["webhooks-ping", () => ({ token: as(admin), params: { id: get("endpointId") } })],
      [
        "webhooks-deliveries-list",
        () => ({ token: as(admin), params: { endpointId: get("endpointId") } }),
      ],
      [
        "webhooks-deliveries-redeliver",
        async () => ({
          token: as(admin),
          params: { id: await recordFailedDelivery(get("endpointId")) },
        }),
      ],
      ["webhooks-delete", () => ({ token: as(admin), params: { id: get("endpointId") } })],
      ["auth-logoutAll", () => ({ token: as(everywhere) })],
    ];

    const operations = operationsOf(document);
    expect(scenarios.map(([id]) => id).sort()).toEqual(
      operations.map((op) => op.operationId).sort(),
    );

    const failures: string[] = [];
    for (const [operationId, arrange, keep] of scenarios) {
      const operation = operations.find((op) => op.operationId === operationId);
      if (!operation) continue;
      let step: Step;
      try {
        step = await arrange();
      } catch (error) {
        failures.push(`${operationId}: could not arrange: ${String(error)}`);
        continue;
      }
      const answer: RestAnswer = await rest(
        api.origin,
        operation.method.toUpperCase(),
        fill(operation.route, step.params ?? {}),
        { token: step.token, query: step.query, body: step.body },
      );
      if (answer.status !== 200) {
        failures.push(`${operationId}: ${answer.status} ${JSON.stringify(answer.body)}`);
        continue;
      }
      const check = validatorFor(operation.route, operation.method, 200, "application/json");
      if (!check(answer.body)) {
        failures.push(`${operationId}: ${JSON.stringify(check.errors)}`);
        continue;
      }
      try {
        keep?.(answer.body);
      } catch (error) {
        failures.push(`${operationId}: ${String(error)} in ${JSON.stringify(answer.body)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("every secured operation answers 401 with a problem document without a token", async () => {
    const secured = operationsOf(document).filter((op) => op.secured);
    expect(secured.length).toBeGreaterThan(50);
    for (const operation of secured) {
      const params = Object.fromEntries(
        [...operation.route.matchAll(/\{([^}]+)\}/g)].map((match) => [
          match[1] ?? "",
          randomUUID(),
        ]),
      );
      const answer = await rest(
        api.origin,
        operation.method.toUpperCase(),
        fill(operation.route, params),
        operation.method === "get" || operation.method === "delete" ? {} : { body: {} },
      );
      expect(answer.status, operation.operationId).toBe(401);
      expect(answer.headers.get("content-type"), operation.operationId).toBe(
        "application/problem+json",
      );
      const check = validatorFor(
        operation.route,
        operation.method,
        401,
        "application/problem+json",
      );
      expect(check(answer.body), JSON.stringify(check.errors)).toBe(true);
      expect(answer.body).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    }
  }, 60_000);
});
