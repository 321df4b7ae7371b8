import { expect, type APIRequestContext } from "@playwright/test";
import { z } from "zod";

/**
 * Arranging through the real API (what the UI under test is not about):
 * tRPC over HTTP with the browser context's own cookies, superjson's
 * `{ json }` envelope. Only ids and strings are read back.
 */
const ZResultSchema = z.object({ result: z.object({ data: z.object({ json: z.unknown() }) }) });

export async function mutate(
  request: APIRequestContext,
  path: string,
  input: unknown,
): Promise<unknown> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return ZResultSchema.parse(await response.json()).result.data.json;
}

export async function query(
  request: APIRequestContext,
  path: string,
  input?: unknown,
): Promise<unknown> {
  const search =
    input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await request.get(`/api/trpc/${path}${search}`);
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return ZResultSchema.parse(await response.json()).result.data.json;
}

const ZIdSchema = z.object({ id: z.uuid() });

/** A unique lower-case key for templates and types. */
export function uniqueKey(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/**
 * A published three-step template (Open → In review → Done): "Submit" for
 * editors and owners, "Approve" with a required comment. Returns its key.
 */
export async function publishReviewTemplate(
  request: APIRequestContext,
  name: string,
): Promise<string> {
  const type = ZIdSchema.parse(
    await mutate(request, "workflows.types.create", {
      key: uniqueKey("type"),
      name: `${name} type`,
    }),
  );
  const key = uniqueKey("review");
  const template = ZIdSchema.parse(
    await mutate(request, "workflows.templates.create", {
      typeId: type.id,
      key,
      name,
      definition: {
        dataFields: [{ key: "amount", label: "Amount", type: "number", required: false }],
        states: [
          { key: "open", name: "Open", kind: "initial" },
          { key: "in_review", name: "In review", kind: "active" },
          { key: "done", name: "Done", kind: "final" },
        ],
        transitions: [
          {
            key: "submit",
            name: "Submit",
            from: ["open"],
            to: "in_review",
            allowed: { projectRoles: ["owner", "editor"] },
            requiresComment: false,
          },
          {
            key: "approve",
            name: "Approve",
            from: ["in_review"],
            to: "done",
            allowed: { projectRoles: ["owner", "editor"] },
            requiresComment: true,
          },
        ],
      },
    }),
  );
  await mutate(request, "workflows.templates.publish", { id: template.id });
  return key;
}

export async function createProject(request: APIRequestContext, name: string): Promise<string> {
  return ZIdSchema.parse(await mutate(request, "projects.create", { name, visibility: "private" }))
    .id;
}

export async function registerUser(
  request: APIRequestContext,
  account: { email: string; name: string; password: string },
): Promise<string> {
  const result = z
    .object({ user: ZIdSchema })
    .parse(await mutate(request, "auth.register", account));
  return result.user.id;
}

export async function addMember(
  request: APIRequestContext,
  projectId: string,
  userId: string,
  role: "owner" | "editor" | "viewer",
): Promise<void> {
  await mutate(request, "projects.members.add", { projectId, userId, role });
}

export async function createInstance(
  request: APIRequestContext,
  projectId: string,
  templateKey: string,
  title: string,
): Promise<string> {
  return ZIdSchema.parse(
    await mutate(request, "workflows.instances.create", {
      projectId,
      templateKey,
      title,
      data: {},
    }),
  ).id;
}

const ZBatchSchema = z.array(ZResultSchema);

/**
 * Many calls of one mutation in one HTTP request (tRPC's `?batch=1`), for
 * arranging volume quickly: the answers in the order of `inputs`.
 */
export async function mutateBatch(
  request: APIRequestContext,
  path: string,
  inputs: readonly unknown[],
): Promise<unknown[]> {
  const paths = inputs.map(() => path).join(",");
  const data = Object.fromEntries(inputs.map((input, index) => [index, { json: input }]));
  const response = await request.post(`/api/trpc/${paths}?batch=1`, { data });
  expect(response.status(), `${path} ×${inputs.length}: ${await response.text()}`).toBe(200);
  return ZBatchSchema.parse(await response.json()).map((answer) => answer.result.data.json);
}

/** `count` items titled `${title} 1…count`, fifty to a request; returns their ids in order. */
export async function createInstances(
  request: APIRequestContext,
  projectId: string,
  templateKey: string,
  title: string,
  count: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 50) {
    const inputs = Array.from({ length: Math.min(50, count - start) }, (_, offset) => ({
      projectId,
      templateKey,
      title: `${title} ${start + offset + 1}`,
      data: {},
    }));
    const answers = await mutateBatch(request, "workflows.instances.create", inputs);
    ids.push(...answers.map((answer) => ZIdSchema.parse(answer).id));
  }
  return ids;
}
