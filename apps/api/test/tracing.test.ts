import { createServer } from "node:http";
import { type AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";
import { freePort, spawnEntryPoint } from "@fastnext/test-support";

// The API server's own entry point with tracing on and off: main.ts starts
// the SDK before pg and http load, so their spans leave the process over
// OTLP/HTTP (to a sink on loopback), and log lines carry the trace ids.

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

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
  const server = spawnEntryPoint("src/main.ts", {
    cwd: appDir,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      LOG_FORMAT: "json",
      DATABASE_URL: db.ownerUrl,
      DATABASE_APP_URL: db.appUrl,
      API_PORT: String(port),
      AUTH_JWT_SECRET: "test-secret-that-is-long-enough-for-hs256-keys",
      AUTH_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      ...env,
    },
  });
  await expect.poll(server.output, { timeout: 20_000 }).toContain('"msg":"api server listening"');
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
