import { createServer } from "node:http";
import { type AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";
import { freePort } from "@fastnext/test-support";

import { startApiServer } from "./server";

// The API server's own entry point with tracing on and off: main.ts starts
// the SDK before pg and http load, so their spans leave the process over
// OTLP/HTTP (to a sink on loopback), and log lines carry the trace ids.

let db: TestDatabase;
let sinkUrl: string;
const batches: Buffer[] = [];
const sink = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    if (request.url === "/v1/traces") batches.push(Buffer.concat(chunks));
    response.writeHead(200, { "content-type": "application/x-protobuf" }).end();
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
  sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

async function start(env: Record<string, string>) {
  const port = await freePort();
  const server = await startApiServer(db, port, env);
  return { server, base: `http://127.0.0.1:${port}` };
}

/** A failed sign-in: a procedure that reads the database, then refuses. */
function signIn(base: string) {
  return fetch(`${base}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { email: "nobody@example.com", password: "wrong password" } }),
  });
}

describe("the API server's tracing", () => {
  it("exports the procedure and its statements, and logs with trace ids, when OTEL is set", async () => {
    const { server, base } = await start({
      OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl,
      OTEL_SERVICE_NAME: "api-under-test",
      OTEL_BSP_SCHEDULE_DELAY: "100",
    });
    expect(server.output()).toContain('"tracing":"api-under-test"');
    expect((await signIn(base)).status).toBe(401);
    // Protobuf keeps strings as UTF-8: span names and attributes are readable in a batch.
    await expect
      .poll(() => Buffer.concat(batches).includes("auth.login"), { timeout: 15_000 })
      .toBe(true);
    const exported = Buffer.concat(batches);
    expect(exported.includes("api-under-test")).toBe(true);
    expect(exported.includes("postgresql")).toBe(true);
    expect(exported.includes("UNAUTHORIZED")).toBe(true);
    // Values never reach a span: the address signed in with is in none.
    expect(exported.includes("nobody@example.com")).toBe(false);
    const refused = server
      .output()
      .split("\n")
      .find((line) => line.includes('"msg":"procedure refused"'));
    expect(refused).toMatch(/"trace_id":"[0-9a-f]{32}"/);

    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  });

  it("stays off, and says so, without an endpoint", async () => {
    const before = batches.length;
    const { server, base } = await start({});
    expect(server.output()).toContain('"tracing":"off: no OTEL_EXPORTER_OTLP_ENDPOINT"');
    expect((await signIn(base)).status).toBe(401);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.output()).not.toContain('"trace_id"');
    expect(batches.length).toBe(before);
  });
});
