/**
 * The REST surface's guarantees beyond the contract: the same permission
 * checks, row-level security, validation, rate limits and idempotency as
 * tRPC, errors as problem details, and the reference page.
 */
import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  failure,
  serve,
  signInAdmin,
  signUp,
  startApi,
  type TestApi,
} from "@fastnext/test-support";

import { appRouter } from "../src/root";

import { rest } from "./rest-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

async function projectRows(ownerId: string): Promise<number> {
  const { rows } = await api.sql.query<{ n: string }>(
    "SELECT count(*) AS n FROM projects WHERE created_by_id = $1",
    [ownerId],
  );
  return Number(rows[0]?.n);
}

const PROBLEM = "application/problem+json";

/**
 * A POST on a connection of its own: the server answers a body over the
 * limit without reading it and drops the connection, which must not be one
 * the other tests' requests share.
 */
function postOnItsOwnConnection(url: string, token: string, body: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: "POST",
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
        timeout: 10_000,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

describe("REST errors are problem details from the one error mapper", () => {
  it("403 FORBIDDEN for a caller without the permission, with the request id", async () => {
    const member = await signUp(api, "Member");
    const answer = await rest(api.origin, "GET", "/admin/users", {
      token: member.accessToken,
      headers: { "x-request-id": "rest-forbidden-1" },
    });
    expect(answer.status).toBe(403);
    expect(answer.headers.get("content-type")).toBe(PROBLEM);
    expect(answer.headers.get("x-request-id")).toBe("rest-forbidden-1");
    expect(answer.body).toMatchObject({
      type: "urn:fastnext:problem:forbidden",
      title: "Forbidden",
      status: 403,
      code: "FORBIDDEN",
      requestId: "rest-forbidden-1",
      instance: "/api/v1/admin/users",
    });
  });

  it("404 NOT_FOUND for another user's private project (row-level security), as for none at all", async () => {
    const owner = await signUp(api, "Owner");
    const outsider = await signUp(api, "Outsider");
    const project = await owner.client.projects.create.mutate({ name: "Private plans" });
    const theirs = await rest(api.origin, "GET", `/projects/${project.id}`, {
      token: outsider.accessToken,
    });
    const nobodys = await rest(api.origin, "GET", `/projects/${randomUUID()}`, {
      token: outsider.accessToken,
    });
    expect(theirs.status).toBe(404);
    expect(theirs.body).toMatchObject({ code: "NOT_FOUND", status: 404 });
    expect(nobodys.status).toBe(404);
    expect((theirs.body as { detail: string }).detail).toBe(
      (nobodys.body as { detail: string }).detail,
    );
    const own = await rest(api.origin, "GET", `/projects/${project.id}`, {
      token: owner.accessToken,
    });
    expect(own.status).toBe(200);
    // Plain JSON: dates are ISO strings.
    expect((own.body as { createdAt: string }).createdAt).toBe(project.createdAt.toISOString());
  });

  it("400 with field errors for bad input, and nothing is written", async () => {
    const owner = await signUp(api, "Owner");
    const before = await projectRows(owner.id);
    const answer = await rest(api.origin, "POST", "/projects", {
      token: owner.accessToken,
      body: { name: "", visibility: "everyone" },
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get("content-type")).toBe(PROBLEM);
    expect(answer.body).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { name: [expect.any(String)], visibility: [expect.any(String)] },
    });
    const notJson = await fetch(`${api.origin}/api/v1/projects`, {
      method: "POST",
      headers: { authorization: `Bearer ${owner.accessToken}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: "PARSE_ERROR" });
    expect(await projectRows(owner.id)).toBe(before);
  });

  it("types query strings by the input schema and refuses what does not fit", async () => {
    const owner = await signUp(api, "Owner");
    const kept = await owner.client.projects.create.mutate({ name: "Kept" });
    const archived = await owner.client.projects.create.mutate({ name: "Archived" });
    await owner.client.projects.archive.mutate({ id: archived.id });
    const names = async (query: Record<string, string>) => {
      const answer = await rest(api.origin, "GET", "/projects", {
        token: owner.accessToken,
        query,
      });
      expect(answer.status).toBe(200);
      return (answer.body as { items: { id: string }[] }).items.map((item) => item.id);
    };
    expect(await names({ archived: "false" })).toEqual([kept.id]);
    expect(await names({ archived: "true" })).toEqual([archived.id]);
    const bad = await rest(api.origin, "GET", "/projects", {
      token: owner.accessToken,
      query: { archived: "yes", limit: "many" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      fieldErrors: { archived: [expect.any(String)], limit: [expect.any(String)] },
    });
    // The tRPC transport keeps its strict schemas after REST has served the same procedure.
    const strict = await failure(
      owner.client.projects.list.query({ archived: "false" as unknown as boolean }),
    );
    expect(strict.data?.code).toBe("BAD_REQUEST");
  });

  it("answers unknown paths and unsupported methods with a problem, and too large bodies with 413", async () => {
    const owner = await signUp(api, "Owner");
    const unknown = await rest(api.origin, "GET", "/nothing-here", { token: owner.accessToken });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toBe(PROBLEM);
    // A method no operation of that path has is no operation either.
    const method = await rest(api.origin, "PUT", "/projects", { token: owner.accessToken });
    expect(method.status).toBe(404);
    expect(method.body).toMatchObject({ code: "NOT_FOUND" });
    const large = await postOnItsOwnConnection(
      `${api.origin}/api/v1/projects`,
      owner.accessToken,
      JSON.stringify({ name: "x", description: "y".repeat(2_000_000) }),
    );
    expect(large.status).toBe(413);
    expect(JSON.parse(large.body)).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      reason: "body_too_large",
    });
  });
});

describe("REST idempotency", () => {
  it("a retry with the same Idempotency-Key answers the first result and creates one row", async () => {
    const owner = await signUp(api, "Owner");
    const key = randomUUID();
    const send = (name: string) =>
      rest(api.origin, "POST", "/projects", {
        token: owner.accessToken,
        headers: { "idempotency-key": key },
        body: { name },
      });
    const first = await send("Once");
    const again = await send("Once");
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await projectRows(owner.id)).toBe(1);

    const reused = await send("Something else");
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: "CONFLICT", reason: "idempotency_key_reused" });
    expect(await projectRows(owner.id)).toBe(1);
  });

  it("refuses a malformed key, or a header that contradicts the body's key, writing nothing", async () => {
    const owner = await signUp(api, "Owner");
    const malformed = await rest(api.origin, "POST", "/projects", {
      token: owner.accessToken,
      headers: { "idempotency-key": "no spaces allowed" },
      body: { name: "Never" },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({
      fieldErrors: { "Idempotency-Key": [expect.any(String)] },
    });
    const contradicting = await rest(api.origin, "POST", "/projects", {
      token: owner.accessToken,
      headers: { "idempotency-key": randomUUID() },
      body: { name: "Never", idempotencyKey: randomUUID() },
    });
    expect(contradicting.status).toBe(400);
    expect(contradicting.body).toMatchObject({ reason: "idempotency_key_mismatch" });
    expect(await projectRows(owner.id)).toBe(0);
  });
});

describe("REST rate limits", () => {
  it("spends the same per-user budget as tRPC and answers 429 with Retry-After", async () => {
    const limited = await startApi({ callsPerUser: 3 });
    try {
      const user = await signUp(limited, "Busy");
      // One signed-in tRPC call and two REST calls use the budget up.
      await user.client.users.me.query();
      for (let i = 0; i < 2; i += 1) {
        const answer = await rest(limited.origin, "GET", "/users/me", { token: user.accessToken });
        expect(answer.status).toBe(200);
      }
      const refused = await rest(limited.origin, "GET", "/users/me", { token: user.accessToken });
      expect(refused.status).toBe(429);
      expect(refused.headers.get("content-type")).toBe(PROBLEM);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(refused.body).toMatchObject({ code: "TOO_MANY_REQUESTS", status: 429 });
    } finally {
      await limited.close();
    }
  });
});

describe("the API reference", () => {
  it("serves the document, the page and its files from the package, under the page's policy", async () => {
    const admin = await signInAdmin(api);
    expect(admin.accessToken).toBeTruthy();
    const document = await fetch(`${api.origin}/api/openapi.json`);
    expect(document.status).toBe(200);
    expect(await document.json()).toMatchObject({
      openapi: "3.1.0",
      servers: [{ url: "/api/v1" }],
    });
    const page = await fetch(`${api.origin}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/<script>|https?:\/\//);
    for (const file of ["swagger-ui-bundle.js", "swagger-ui.css", "start.js"]) {
      const asset = await fetch(`${api.origin}/api/docs/${file}`);
      expect(asset.status, file).toBe(200);
      expect((await asset.text()).length, file).toBeGreaterThan(50);
    }
  });

  it("answers a cross-origin preflight for the REST methods and the Idempotency-Key header", async () => {
    const server = await serve(appRouter, { allowedOrigins: ["https://app.example"] });
    try {
      const preflight = await fetch(`${server.origin}/api/v1/projects/1`, {
        method: "OPTIONS",
        headers: { origin: "https://app.example", "access-control-request-method": "PATCH" },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example");
      expect(preflight.headers.get("access-control-allow-methods")).toContain("PATCH");
      expect(preflight.headers.get("access-control-allow-headers")).toContain("idempotency-key");
      const elsewhere = await fetch(`${server.origin}/api/v1/projects`, {
        method: "OPTIONS",
        headers: { origin: "https://evil.example" },
      });
      expect(elsewhere.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await server.close();
    }
  });
});
