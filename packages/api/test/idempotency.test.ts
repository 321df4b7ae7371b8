import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { withScope } from "@fastnext/db";
import {
  clientFor,
  failure,
  signInAdmin,
  signUp,
  startApi,
  type TestApi,
} from "@fastnext/test-support";

import { appRouter, type AppRouter } from "../src/root";
import { idempotentMiddlewares } from "../src/trpc/idempotent";
import { purchaseDefinition, uniqueKey } from "./workflow-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

type Client = ReturnType<TestApi["client"]>;

interface Caller {
  id: string;
  client: Client;
}

/** A signed-up user holding the seeded admin role (for creates that need a catalogue permission). */
async function anotherAdmin(): Promise<Caller> {
  const admin = await signInAdmin(api);
  const user = await signUp(api, "Second admin");
  await admin.client.admin.users.setRoles.mutate({ userId: user.id, roleKeys: ["admin"] });
  return user;
}

async function adminCaller(): Promise<Caller> {
  const admin = await signInAdmin(api);
  const me = await admin.client.users.me.query();
  return { id: me.user.id, client: admin.client };
}

/** Rows whose column equals value, through the superuser connection. */
async function rowsWhere(table: string, column: string, value: string): Promise<number> {
  const { rows } = await api.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE ${column}::text = $1`,
    [value],
  );
  return rows[0]?.n ?? -1;
}

async function keysOf(userId: string, key: string): Promise<number> {
  const { rows } = await api.sql.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM idempotency_keys WHERE user_id = $1 AND key = $2",
    [userId, key],
  );
  return rows[0]?.n ?? -1;
}

/**
 * One idempotent create: who may call it, a fresh input (each with a name
 * of its own), the call, and how to count the rows an input created.
 */
interface CreateCase {
  path: string;
  caller: () => Promise<Caller>;
  other: () => Promise<Caller>;
  /** A fresh input for this caller. */
  input: (caller: Caller) => Promise<Record<string, unknown>>;
  create: (client: Client, input: Record<string, unknown>) => Promise<unknown>;
  /** Rows made from this input. */
  rows: (input: Record<string, unknown>) => Promise<number>;
}

let typeId: string | undefined;
async function workflowTypeId(): Promise<string> {
  if (!typeId) {
    const admin = await signInAdmin(api);
    typeId = (
      await admin.client.workflows.types.create.mutate({
        key: uniqueKey("type"),
        name: "Purchases",
      })
    ).id;
  }
  return typeId;
}

let templateKey: string | undefined;
/** A published template, and a project where `user` is owner (so may start instances). */
async function instanceInput(user: Caller): Promise<Record<string, unknown>> {
  if (!templateKey) {
    const admin = await signInAdmin(api);
    const draft = await admin.client.workflows.templates.create.mutate({
      typeId: await workflowTypeId(),
      key: uniqueKey("purchase"),
      name: "Purchase request",
      definition: purchaseDefinition(),
    });
    templateKey = (await admin.client.workflows.templates.publish.mutate({ id: draft.id })).key;
  }
  const project = await user.client.projects.create.mutate({ name: uniqueKey("Project") });
  return {
    projectId: project.id,
    templateKey,
    title: uniqueKey("Request"),
    data: { amount: 10, category: "it" },
  };
}

const CASES: CreateCase[] = [
  {
    path: "projects.create",
    caller: () => signUp(api, "Ada"),
    other: () => signUp(api, "Bob"),
    input: () => Promise.resolve({ name: uniqueKey("Project") }),
    create: (client, input) => client.projects.create.mutate(input as { name: string }),
    rows: (input) => rowsWhere("projects", "name", String(input.name)),
  },
  {
    path: "workflows.types.create",
    caller: adminCaller,
    other: anotherAdmin,
    input: () => Promise.resolve({ key: uniqueKey("type"), name: "Type" }),
    create: (client, input) =>
      client.workflows.types.create.mutate(input as { key: string; name: string }),
    rows: (input) => rowsWhere("workflow_types", "key", String(input.key)),
  },
  {
    path: "workflows.templates.create",
    caller: adminCaller,
    other: anotherAdmin,
    input: async () => ({
      typeId: await workflowTypeId(),
      key: uniqueKey("template"),
      name: "Template",
      definition: purchaseDefinition(),
    }),
    create: (client, input) =>
      client.workflows.templates.create.mutate(
        input as {
          typeId: string;
          key: string;
          name: string;
          definition: ReturnType<typeof purchaseDefinition>;
        },
      ),
    rows: (input) => rowsWhere("workflow_templates", "key", String(input.key)),
  },
  {
    path: "workflows.instances.create",
    caller: () => signUp(api, "Starter"),
    other: () => signUp(api, "Other starter"),
    input: instanceInput,
    create: (client, input) =>
      client.workflows.instances.create.mutate(
        input as { projectId: string; templateKey: string; title: string },
      ),
    rows: (input) => rowsWhere("workflow_instances", "title", String(input.title)),
  },
  {
    path: "projects.invitations.create",
    caller: () => signUp(api, "Owner"),
    other: () => signUp(api, "Other owner"),
    input: async (owner) => ({
      projectId: (await owner.client.projects.create.mutate({ name: uniqueKey("Project") })).id,
      email: `${uniqueKey("invitee").toLowerCase()}@example.com`,
      role: "editor",
    }),
    create: (client, input) =>
      client.projects.invitations.create.mutate(
        input as { projectId: string; email: string; role: "editor" },
      ),
    rows: (input) => rowsWhere("project_invitations", "email", String(input.email)),
  },
  {
    path: "admin.users.create",
    caller: adminCaller,
    other: anotherAdmin,
    input: () =>
      Promise.resolve({
        name: "Invited",
        email: `${uniqueKey("invited").toLowerCase()}@example.com`,
      }),
    create: (client, input) =>
      client.admin.users.create.mutate(input as { name: string; email: string }),
    rows: (input) => rowsWhere("users", "email", String(input.email)),
  },
];

describe.each(CASES)("$path with an idempotency key", (c) => {
  it("answers a retry with the first answer and creates one row", async () => {
    const caller = await c.caller();
    const input = await c.input(caller);
    const key = randomUUID();
    const first = await c.create(caller.client, { ...input, idempotencyKey: key });
    const again = await c.create(caller.client, { ...input, idempotencyKey: key });
    // Key order does not matter: the same input sent again in another order is the same input.
    const reordered = Object.fromEntries([
      ["idempotencyKey", key],
      ...Object.entries(input).reverse(),
    ]);
    const third = await c.create(caller.client, reordered);
    expect(again).toEqual(first);
    expect(third).toEqual(first);
    expect(await c.rows(input)).toBe(1);
    expect(await keysOf(caller.id, key)).toBe(1);
  });

  it("refuses the same key with another input as CONFLICT and changes nothing", async () => {
    const caller = await c.caller();
    const key = randomUUID();
    const input = await c.input(caller);
    await c.create(caller.client, { ...input, idempotencyKey: key });
    const otherInput = await c.input(caller);
    const refused = await failure(c.create(caller.client, { ...otherInput, idempotencyKey: key }));
    expect(refused.data).toMatchObject({
      code: "CONFLICT",
      reason: "idempotency_key_reused",
      fieldErrors: { idempotencyKey: ["Already used for another change"] },
    });
    expect(await c.rows(otherInput)).toBe(0);
    expect(await c.rows(input)).toBe(1);
  });

  it("keeps keys per user: another user's same key is independent", async () => {
    const caller = await c.caller();
    const other = await c.other();
    const key = randomUUID();
    const mine = await c.input(caller);
    const theirs = await c.input(other);
    const first = await c.create(caller.client, { ...mine, idempotencyKey: key });
    const second = await c.create(other.client, { ...theirs, idempotencyKey: key });
    expect(second).not.toEqual(first);
    expect(await c.rows(mine)).toBe(1);
    expect(await c.rows(theirs)).toBe(1);
    expect(await keysOf(caller.id, key)).toBe(1);
    expect(await keysOf(other.id, key)).toBe(1);
  });

  it("creates one row when retries with the same key arrive together", async () => {
    const caller = await c.caller();
    const input = await c.input(caller);
    const key = randomUUID();
    // Unbatched clients: five HTTP requests, five transactions racing for the key.
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => c.create(caller.client, { ...input, idempotencyKey: key })),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await c.rows(input)).toBe(1);
    expect(await keysOf(caller.id, key)).toBe(1);
  });
});

describe("idempotency keys", () => {
  it("are optional: without one, each call is a create of its own", async () => {
    const ada = await signUp(api);
    const name = uniqueKey("Twice");
    await ada.client.projects.create.mutate({ name });
    await ada.client.projects.create.mutate({ name });
    expect(await rowsWhere("projects", "name", name)).toBe(2);
  });

  it("are validated: a bad key is BAD_REQUEST with a field error, and nothing is written", async () => {
    const ada = await signUp(api);
    for (const idempotencyKey of ["short", "x".repeat(129), "has spaces in it", "ünïcödé-key"]) {
      const name = uniqueKey("Bad key");
      const refused = await failure(ada.client.projects.create.mutate({ name, idempotencyKey }));
      expect(refused.data).toMatchObject({ code: "BAD_REQUEST" });
      expect(Object.keys(refused.data?.fieldErrors ?? {})).toEqual(["idempotencyKey"]);
      expect(await rowsWhere("projects", "name", name)).toBe(0);
    }
    expect(await rowsWhere("idempotency_keys", "user_id", ada.id)).toBe(0);
  });

  it("are not recorded for a create that failed, so a retry runs (and fails) again", async () => {
    const admin = await adminCaller();
    const taken = uniqueKey("taken");
    await admin.client.workflows.types.create.mutate({ key: taken, name: "First" });
    const key = randomUUID();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const refused = await failure(
        admin.client.workflows.types.create.mutate({
          key: taken,
          name: "Second",
          idempotencyKey: key,
        }),
      );
      expect(refused.data).toMatchObject({ code: "CONFLICT" });
      expect(refused.data?.reason).not.toBe("idempotency_key_reused");
    }
    expect(await keysOf(admin.id, key)).toBe(0);
    expect(await rowsWhere("workflow_types", "key", taken)).toBe(1);
  });

  it("work inside a batch: each call of one HTTP request has its own key", async () => {
    const ada = await signUp(api);
    const batched = clientFor<AppRouter>(api.url, true, ada.accessToken);
    const [a, b] = [uniqueKey("Batch a"), uniqueKey("Batch b")];
    const [keyA, keyB] = [randomUUID(), randomUUID()];
    const send = () =>
      Promise.all([
        batched.projects.create.mutate({ name: a, idempotencyKey: keyA }),
        batched.projects.create.mutate({ name: b, idempotencyKey: keyB }),
      ]);
    const first = await send();
    const again = await send();
    expect(again).toEqual(first);
    expect(await rowsWhere("projects", "name", a)).toBe(1);
    expect(await rowsWhere("projects", "name", b)).toBe(1);
  });

  it("are visible to their own user only (row level security)", async () => {
    const ada = await signUp(api);
    const bob = await signUp(api);
    await ada.client.projects.create.mutate({
      name: uniqueKey("Ada's"),
      idempotencyKey: randomUUID(),
    });
    const seen = (userId: string) =>
      withScope(api.deps.pool, { userId, permissions: [] }, (tx) =>
        tx.idempotencyKey.count({ where: { userId: ada.id } }),
      );
    expect(await seen(ada.id)).toBe(1);
    expect(await seen(bob.id)).toBe(0);
    const written = await withScope(
      api.deps.pool,
      { userId: bob.id, permissions: [] },
      (tx) =>
        tx.$executeRaw`UPDATE idempotency_keys SET answer = '{}'::jsonb WHERE user_id = ${ada.id}::uuid`,
    );
    expect(written).toBe(0);
  });

  it("are declared on every create tested here, each time before the procedure's own input", () => {
    type Middleware = { _type?: string } & object;
    const procedures = appRouter._def.procedures as unknown as Record<
      string,
      { _def: { middlewares: Middleware[] } }
    >;
    const declared = Object.entries(procedures).filter(([, procedure]) =>
      procedure._def.middlewares.some((fn) => idempotentMiddlewares.has(fn)),
    );
    expect(declared.map(([path]) => path)).toEqual(
      expect.arrayContaining(CASES.map((c) => c.path)),
    );
    for (const [path, procedure] of declared) {
      const middlewares = procedure._def.middlewares;
      const last = Math.max(
        ...middlewares.map((fn, index) => (idempotentMiddlewares.has(fn) ? index : -1)),
      );
      const ownInputs = middlewares
        .map((fn, index) => (fn._type === "input" && !idempotentMiddlewares.has(fn) ? index : -1))
        .filter((index) => index >= 0);
      expect(ownInputs.length, path).toBeGreaterThan(0);
      expect(
        ownInputs.every((index) => index > last),
        path,
      ).toBe(true);
    }
  });
});
