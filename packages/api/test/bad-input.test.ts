import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, signInAdmin, signUp, startApi, type TestApi } from "@fastnext/test-support";

import { projectWithTeam, publishedTemplate, uniqueKey } from "./workflow-fixtures";

/*
 * Bad input of every kind reaches the caller as BAD_REQUEST with a field
 * error, over real HTTP against the production router, and never as a 500.
 */

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

interface RawError {
  status: number;
  message: string;
  data: { code: string; fieldErrors: Record<string, string[]> | null; formErrors: string[] | null };
}

/**
 * Sends `input` as JSON exactly as written (keys such as `__proto__`
 * included, which the typed client's superjson refuses to send).
 */
async function raw(
  path: string,
  json: string,
  token?: string,
  method: "GET" | "POST" = "POST",
): Promise<RawError> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const body = `{"json":${json}}`;
  const response =
    method === "GET"
      ? await fetch(`${api.url}/${path}?input=${encodeURIComponent(body)}`, { headers })
      : await fetch(`${api.url}/${path}`, { method: "POST", headers, body });
  const parsed = (await response.json()) as { error?: { json: Omit<RawError, "status"> } };
  if (!parsed.error) throw new Error(`${path} succeeded`);
  return { status: response.status, ...parsed.error.json };
}

const HOSTILE_TEXT = ["nul \u0000 inside", "lone \uD800 high", "lone \uDC00 low"];

describe("text the database cannot store", () => {
  it("is refused in the registration name, for anonymous callers too", async () => {
    for (const name of HOSTILE_TEXT) {
      const error = await failure(
        api.client().auth.register.mutate({
          email: `${uniqueKey("nul")}@example.com`,
          name,
          password: "long enough pw",
        }),
      );
      expect(error.data).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400 });
      expect(Object.keys(error.data?.fieldErrors ?? {})).toEqual(["name"]);
      expect(error.message).toMatch(/^name: Contains a character that cannot be stored/);
    }
    const { rows } = await api.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE name LIKE 'lone%'",
    );
    expect(rows[0]?.n).toBe(0);
  });

  it("is refused in names, titles, descriptions, searches and activity filters", async () => {
    const admin = await signInAdmin(api);
    const team = await projectWithTeam(api);
    const { key } = await publishedTemplate(api);
    for (const text of HOSTILE_TEXT) {
      const calls: [string, () => Promise<unknown>][] = [
        ["name", () => team.owner.client.projects.create.mutate({ name: text })],
        [
          "description",
          () => team.owner.client.projects.create.mutate({ name: "ok", description: text }),
        ],
        ["search", () => team.owner.client.projects.list.query({ search: text })],
        [
          "data.name",
          () =>
            team.owner.client.projects.update.mutate({ id: team.project.id, data: { name: text } }),
        ],
        [
          "title",
          () =>
            team.editor.client.workflows.instances.create.mutate({
              projectId: team.project.id,
              templateKey: key,
              title: text,
            }),
        ],
        ["action", () => admin.client.admin.activities.list.query({ action: text })],
        ["entityId", () => admin.client.admin.activities.list.query({ entityId: text })],
        ["search", () => admin.client.admin.users.list.query({ search: text })],
        [
          "name",
          () => admin.client.admin.roles.create.mutate({ key: uniqueKey("role"), name: text }),
        ],
        ["name", () => team.owner.client.users.updateProfile.mutate({ name: text })],
      ];
      for (const [field, call] of calls) {
        const error = await failure(call());
        expect(error.data?.code, `${field} ${JSON.stringify(text)}`).toBe("BAD_REQUEST");
        expect(Object.keys(error.data?.fieldErrors ?? {}), field).toEqual([field]);
      }
    }
  });

  it("is refused inside an instance's data document", async () => {
    const team = await projectWithTeam(api);
    const { key } = await publishedTemplate(api);
    const error = await failure(
      team.editor.client.workflows.instances.create.mutate({
        projectId: team.project.id,
        templateKey: key,
        title: "Chairs",
        data: { amount: 5, category: "office", note: "bad \u0000" },
      }),
    );
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { data: [expect.stringMatching(/cannot be stored/)] },
    });
  });
});

describe("pagination cursors", () => {
  const unsigned = (position: object) =>
    Buffer.from(JSON.stringify(position)).toString("base64url");
  const id = "00000000-0000-4000-8000-000000000000";

  it("are opaque and signed: forged, tampered or out-of-range ones are a field error on `cursor`", async () => {
    const ada = await signUp(api);
    for (let i = 0; i < 3; i += 1) await ada.client.projects.create.mutate({ name: `Paged ${i}` });
    const first = await ada.client.projects.list.query({ limit: 1 });
    const real = first.nextCursor ?? "";
    expect(real).toMatch(/^[\w-]+\.[\w-]+$/);
    const tampered = `${real.slice(0, -2)}${real.endsWith("AA") ? "BB" : "AA"}`;
    const forged = [
      unsigned({ at: "0000-01-01T00:00:00.000Z", id }),
      unsigned({ at: "+275760-09-13T00:00:00.000Z", id }),
      `${unsigned({ at: "0000-01-01T00:00:00.000Z", id })}.${real.split(".")[1] ?? ""}`,
      tampered,
      "not a cursor at all",
    ];
    for (const cursor of forged) {
      const error = await failure(ada.client.projects.list.query({ limit: 1, cursor }));
      expect(error.data, cursor).toMatchObject({
        code: "BAD_REQUEST",
        fieldErrors: { cursor: ["Invalid cursor"] },
      });
      expect(error.message).toBe("cursor: Invalid cursor");
    }
    // Signed by this server but holding a date PostgreSQL cannot compare: still refused, never sent to SQL.
    for (const at of ["0000-01-01T00:00:00.000Z", "+275760-09-13T00:00:00.000Z"]) {
      const error = await failure(
        ada.client.projects.list.query({ limit: 1, cursor: api.deps.cursors.seal({ at, id }) }),
      );
      expect(error.data).toMatchObject({
        code: "BAD_REQUEST",
        fieldErrors: { cursor: ["Invalid cursor"] },
      });
    }
    const second = await ada.client.projects.list.query({ limit: 1, cursor: real });
    expect(second.items).toHaveLength(1);
  });

  it("of the sorted user list are signed too", async () => {
    const admin = await signInAdmin(api);
    const forged = unsigned({ s: "createdAt", k: "0000-01-01T00:00:00.000Z", id });
    for (const cursor of [
      forged,
      api.deps.cursors.seal({ s: "createdAt", k: "0000-01-01T00:00:00.000Z", id }),
    ]) {
      const error = await failure(admin.client.admin.users.list.query({ cursor }));
      expect(error.data).toMatchObject({
        code: "BAD_REQUEST",
        fieldErrors: { cursor: ["Invalid cursor"] },
      });
    }
  });
});

describe("dates", () => {
  it("outside the years 1 to 9999 are a field error, not a database error", async () => {
    const admin = await signInAdmin(api);
    const dates = [new Date("0000-01-01T00:00:00.000Z"), new Date(8.64e15), new Date(-8.64e15)];
    for (const date of dates) {
      for (const field of ["from", "to"] as const) {
        const error = await failure(admin.client.admin.activities.list.query({ [field]: date }));
        expect(error.data, `${field} ${date.getTime()}`).toMatchObject({ code: "BAD_REQUEST" });
        expect(Object.keys(error.data?.fieldErrors ?? {})).toEqual([field]);
      }
    }
    const fine = await admin.client.admin.activities.list.query({
      from: new Date("0001-01-01T00:00:00.000Z"),
    });
    expect(fine.items.length).toBeGreaterThan(0);
  });
});

describe("input keys named like Object.prototype members", () => {
  const keys =
    '"toString":true,"valueOf":true,"hasOwnProperty":true,"constructor":true,"__proto__":{"theme":"dark"}';

  it("are unknown settings (field errors), and change nothing", async () => {
    const ada = await signUp(api);
    const admin = await signInAdmin(api);
    const before = await ada.client.users.settings.get.query();
    const user = await raw("users.settings.update", `{${keys}}`, ada.accessToken);
    expect(user).toMatchObject({ status: 400, data: { code: "BAD_REQUEST" } });
    expect(user.data.fieldErrors).toEqual({
      toString: ["Unknown setting"],
      valueOf: ["Unknown setting"],
      hasOwnProperty: ["Unknown setting"],
    });
    // superjson drops a __proto__ key while reading the body; constructor is named in a form error (see errors/map.ts).
    expect(user.data.formErrors).toEqual(["constructor: Unknown setting"]);
    expect(await ada.client.users.settings.get.query()).toEqual(before);

    const system = await raw(
      "admin.system.settings.update",
      `{"featureFlags":{${keys}}}`,
      admin.accessToken,
    );
    expect(system).toMatchObject({ status: 400, data: { code: "BAD_REQUEST" } });
    expect(Object.keys(system.data.fieldErrors ?? {}).sort()).toEqual([
      "featureFlags.constructor",
      "featureFlags.hasOwnProperty",
      "featureFlags.toString",
      "featureFlags.valueOf",
    ]);
  });

  it("in an instance's data are fields the template does not have", async () => {
    const team = await projectWithTeam(api);
    const { key } = await publishedTemplate(api);
    const input = `{"projectId":"${team.project.id}","templateKey":"${key}","title":"Chairs","data":{"amount":5,"category":"it",${keys}}}`;
    const error = await raw("workflows.instances.create", input, team.editor.accessToken);
    expect(error).toMatchObject({ status: 400, data: { code: "BAD_REQUEST" } });
    expect(Object.keys(error.data.fieldErrors ?? {}).sort()).toEqual([
      "data.constructor",
      "data.hasOwnProperty",
      "data.toString",
      "data.valueOf",
    ]);
  });

  it("as a query's filter keys are refused or ignored, never a 500", async () => {
    const ada = await signUp(api);
    const error = await raw("projects.list", `{"limit":"x",${keys}}`, ada.accessToken, "GET");
    expect(error).toMatchObject({
      status: 400,
      data: { code: "BAD_REQUEST", fieldErrors: { limit: [expect.any(String)] } },
    });
  });

  it("a data field may not be called constructor (it could not be returned)", async () => {
    const admin = await signInAdmin(api);
    const type = await admin.client.workflows.types.create.mutate({
      key: uniqueKey("type"),
      name: "Proto",
    });
    const error = await failure(
      admin.client.workflows.templates.create.mutate({
        typeId: type.id,
        key: uniqueKey("proto"),
        name: "Proto",
        definition: {
          dataFields: [{ key: "constructor", label: "C", type: "string", required: false }],
          states: [],
          transitions: [],
        },
      }),
    );
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { "definition.dataFields.0.key": ["is a reserved word"] },
    });
  });
});

describe("deeply nested input", () => {
  function nestedGuard(depth: number): unknown {
    let guard: unknown = { op: "exists", field: "amount" };
    for (let i = 0; i < depth; i += 1)
      guard = i % 2 ? { op: "not", guard } : { op: "and", all: [guard] };
    return guard;
  }

  it("a guard nested hundreds or thousands deep is refused with a clear error on the definition", async () => {
    const admin = await signInAdmin(api);
    const type = await admin.client.workflows.types.create.mutate({
      key: uniqueKey("type"),
      name: "Deep",
    });
    const definitionOf = (depth: number) => ({
      dataFields: [{ key: "amount", label: "Amount", type: "number", required: false }],
      states: [
        { key: "a", name: "A", kind: "initial" },
        { key: "b", name: "B", kind: "final" },
      ],
      transitions: [
        {
          key: "go",
          name: "Go",
          from: ["a"],
          to: "b",
          allowed: {},
          guard: nestedGuard(depth),
          requiresComment: false,
        },
      ],
    });
    const typed = await failure(
      admin.client.workflows.templates.create.mutate({
        typeId: type.id,
        key: uniqueKey("deep"),
        name: "Deep",
        definition: definitionOf(300) as never,
      }),
    );
    expect(typed.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { definition: ["Nested too deeply (at most 40 levels)"] },
    });
    // Deeper than the typed client's serialiser (or JSON.stringify) copes with: sent as raw JSON text.
    const guard = `${'{"op":"not","guard":'.repeat(20_000)}{"op":"exists","field":"amount"}${"}".repeat(20_000)}`;
    const input = JSON.stringify({
      typeId: type.id,
      key: uniqueKey("deep"),
      name: "Deep",
      definition: definitionOf(0),
    });
    const deeper = await raw(
      "workflows.templates.create",
      input.replace('{"op":"exists","field":"amount"}', guard),
      admin.accessToken,
    );
    expect(deeper).toMatchObject({
      status: 400,
      message: "definition: Nested too deeply (at most 40 levels)",
      data: {
        code: "BAD_REQUEST",
        fieldErrors: { definition: ["Nested too deeply (at most 40 levels)"] },
      },
    });
    const { rows } = await api.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM workflow_templates WHERE type_id = $1",
      [type.id],
    );
    expect(rows[0]?.n).toBe(0);
  });

  it("deeply nested arrays in free-form data are refused before anything recurses into them", async () => {
    const team = await projectWithTeam(api);
    const { key } = await publishedTemplate(api);
    const deep = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
    const input = `{"projectId":"${team.project.id}","templateKey":"${key}","title":"Deep","data":{"note":${deep}}}`;
    const error = await raw("workflows.instances.create", input, team.editor.accessToken);
    expect(error).toMatchObject({
      status: 400,
      data: { code: "BAD_REQUEST", fieldErrors: { data: [expect.any(String)] } },
    });
    expect(error.message).toMatch(/^data: Nested too deeply/);
  });
});
