import { request as httpRequest } from "node:http";
import { httpBatchStreamLink, TRPCClientError, createTRPCClient } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";

import { AppError } from "@fastnext/core";
import { clientFor, serve } from "@fastnext/test-support";

import { appRouter } from "../src/root";
import { publicProcedure, router } from "../src/trpc/procedures";

// The real router plus procedures that fail in known ways.
const testRouter = router({
  ...appRouter._def.record,
  probe: router({
    boom: publicProcedure.query(() => {
      throw new Error('relation "secret_table" does not exist: SELECT password_hash FROM users');
    }),
    echo: publicProcedure
      .input(z.object({ email: z.email(), profile: z.object({ age: z.number().int().min(0) }) }))
      .mutation(({ input }) => input),
    tally: publicProcedure
      .input(z.record(z.string(), z.number()))
      .mutation(({ input }) => Object.keys(input).length),
    conflict: publicProcedure.mutation(() => {
      throw new AppError("CONFLICT", "Someone else changed it first", { reason: "stale_version" });
    }),
  }),
});
type TestRouter = typeof testRouter;

let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  server = await serve(testRouter, { allowedOrigins: ["https://app.example"], maxBodyBytes: 4096 });
});
afterAll(async () => {
  await server.close();
});

describe("the tRPC HTTP edge", () => {
  it("answers system.health over HTTP, batched", async () => {
    const client = clientFor<TestRouter>(server.url);
    const [a, b] = await Promise.all([client.system.health.query(), client.system.health.query()]);
    expect(a.status).toBe("ok");
    expect(a.time).toBeInstanceOf(Date);
    expect(b.status).toBe("ok");
  });

  it("returns the caller's request id, or makes one", async () => {
    const given = await fetch(`${server.url}/system.health`, {
      headers: { "x-request-id": "req-abc.123" },
    });
    expect(given.headers.get("x-request-id")).toBe("req-abc.123");
    const made = await fetch(`${server.url}/system.health`, {
      headers: { "x-request-id": "bad id with spaces" },
    });
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("hides internals of unknown errors and logs them with the same request id", async () => {
    const response = await fetch(`${server.url}/probe.boom`, {
      headers: { "x-request-id": "boom-1" },
    });
    expect(response.status).toBe(500);
    expect(response.headers.get("x-request-id")).toBe("boom-1");
    const text = await response.text();
    expect(text).not.toMatch(/secret_table|password_hash|SELECT|stack|\.ts:/);
    const body = JSON.parse(text) as {
      error: { json: { message: string; data: Record<string, unknown> } };
    };
    expect(body.error.json.message).toBe("Internal server error");
    expect(body.error.json.data).toMatchObject({
      code: "INTERNAL_SERVER_ERROR",
      requestId: "boom-1",
    });

    const logged = server.logs.lines.find(
      (line) => line.msg === "procedure failed" && line.requestId === "boom-1",
    );
    expect(logged).toBeDefined();
    expect(JSON.stringify(logged)).toContain("secret_table");
  });

  it("answers bad input with BAD_REQUEST and field errors by path", async () => {
    const client = clientFor<TestRouter>(server.url, false);
    const error = await client.probe.echo
      .mutate({ email: "not-an-email", profile: { age: -1 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    const data = (error as TRPCClientError<TestRouter>).data as Record<string, unknown>;
    expect(data).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400, appCode: "VALIDATION" });
    expect(Object.keys(data.fieldErrors as object).sort()).toEqual(["email", "profile.age"]);
  });

  it("maps application errors to their tRPC code once, with the app code and reason", async () => {
    const client = clientFor<TestRouter>(server.url, false);
    const error = (await client.probe.conflict
      .mutate()
      .catch((e: unknown) => e)) as TRPCClientError<TestRouter>;
    expect(error.data).toMatchObject({
      code: "CONFLICT",
      httpStatus: 409,
      appCode: "CONFLICT",
      reason: "stale_version",
    });
    expect(error.message).toBe("Someone else changed it first");
  });

  it("answers CORS preflight for allowed origins only", async () => {
    const allowed = await fetch(`${server.url}/system.health`, {
      method: "OPTIONS",
      headers: { origin: "https://app.example", "access-control-request-method": "POST" },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");

    const other = await fetch(`${server.url}/system.health`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("refuses an oversized body with 413 before parsing it, in the shape tRPC clients decode", async () => {
    const response = await fetch(`${server.url}/probe.echo`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "big-1" },
      body: JSON.stringify({
        json: { email: "a@b.co", profile: { age: 1 }, pad: "x".repeat(10_000) },
      }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { json: { data: Record<string, unknown> } } };
    expect(body.error.json.data).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      httpStatus: 413,
      appCode: "PAYLOAD_TOO_LARGE",
      requestId: "big-1",
      path: "probe.echo",
    });
  });

  it("a 413 reaches the typed client as a TRPCClientError with PAYLOAD_TOO_LARGE, batched or not", async () => {
    const input = { email: "a@b.co", profile: { age: 1 }, pad: "x".repeat(10_000) } as never;
    const single = await clientFor<TestRouter>(server.url, false)
      .probe.echo.mutate(input)
      .catch((e: unknown) => e);
    expect(single).toBeInstanceOf(TRPCClientError);
    expect((single as TRPCClientError<TestRouter>).data).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      httpStatus: 413,
    });

    const batch = clientFor<TestRouter>(server.url, true);
    const both = await Promise.all([
      batch.probe.echo.mutate(input).catch((e: unknown) => e),
      batch.probe.echo.mutate(input).catch((e: unknown) => e),
    ]);
    for (const error of both) {
      expect(error).toBeInstanceOf(TRPCClientError);
      expect((error as TRPCClientError<TestRouter>).data).toMatchObject({
        code: "PAYLOAD_TOO_LARGE",
        path: "probe.echo",
      });
      expect((error as TRPCClientError<TestRouter>).message).toBe(
        "Request body exceeds 4096 bytes",
      );
    }
  });

  it("says what is wrong with the input in one sentence per field, not a dump of issues", async () => {
    const client = clientFor<TestRouter>(server.url, false);
    const error = (await client.probe.echo
      .mutate({ email: "not-an-email", profile: { age: -1 } })
      .catch((e: unknown) => e)) as TRPCClientError<TestRouter>;
    expect(error.message).toBe(
      "email: Invalid email address; profile.age: Too small: expected number to be >=0",
    );
    expect(error.data?.fieldErrors).toEqual({
      email: ["Invalid email address"],
      "profile.age": ["Too small: expected number to be >=0"],
    });
  });

  it("reports input keys named like Object.prototype members as field errors, not a 500", async () => {
    // Sent raw: superjson on the client side refuses to serialise a __proto__ key at all.
    const response = await fetch(`${server.url}/probe.tally`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"json":{"toString":"a","valueOf":"b","constructor":"c","__proto__":"d","hasOwnProperty":1}}',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { json: { data: { fieldErrors: Record<string, string[]>; formErrors: string[] } } };
    };
    const { fieldErrors, formErrors } = body.error.json.data;
    expect(Object.keys(fieldErrors).sort()).toEqual(["toString", "valueOf"]);
    expect(fieldErrors).toMatchObject({
      toString: ["Invalid input: expected number, received string"],
    });
    // superjson refuses a `constructor` key in any response: that one is named in a form error instead.
    expect(formErrors).toEqual(["constructor: Invalid input: expected number, received string"]);
  });

  it("answers a body a library cannot read with a fixed message, never the library's words", async () => {
    const roomy = await serve(testRouter);
    const depth = 20_000;
    const bodies = [
      '{"json":',
      `{"json":1,"meta":{"values":${"[".repeat(depth)}"Date"${"]".repeat(depth)}}}`,
      '{"json":{"a":"x"},"meta":{"values":{"a":["custom","nope"]}}}',
    ];
    for (const body of bodies) {
      const response = await fetch(`${roomy.url}/probe.tally`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).not.toMatch(/Maximum call stack|Unexpected|JSON input|transformation/);
      const parsed = JSON.parse(text) as { error: { json: { message: string } } };
      expect(parsed.error.json.message).toBe("The request could not be read");
    }
    await roomy.close();
  });

  it("sends a complete answer in one piece with its length, a streamed batch as it is produced", async () => {
    const whole = await rawGet(`${server.url}/system.health`);
    expect(whole.status).toBe(200);
    expect(whole.headers["transfer-encoding"]).toBeUndefined();
    expect(Number(whole.headers["content-length"])).toBe(Buffer.byteLength(whole.body));
    expect(JSON.parse(whole.body)).toMatchObject({ result: { data: { json: { status: "ok" } } } });
    // Errors are complete answers too.
    const refused = await rawGet(`${server.url}/no.such.procedure`);
    expect(refused.status).toBe(404);
    expect(Number(refused.headers["content-length"])).toBe(Buffer.byteLength(refused.body));

    const streamed = await rawGet(`${server.url}/system.health,system.health?batch=1&input={}`, {
      "trpc-accept": "application/jsonl",
    });
    expect(streamed.status).toBe(200);
    expect(streamed.headers["transfer-encoding"]).toBe("chunked");
    expect(streamed.headers["content-length"]).toBeUndefined();
    const client = createTRPCClient<TestRouter>({
      links: [httpBatchStreamLink({ url: server.url, transformer: superjson })],
    });
    const [a, b] = await Promise.all([client.system.health.query(), client.system.health.query()]);
    expect(a.time).toBeInstanceOf(Date);
    expect(b.status).toBe("ok");
  });
});

/** A GET with node:http, to see the framing headers as they were sent. */
function rawGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest(url, { headers }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on("error", reject);
      req.end();
    },
  );
}
