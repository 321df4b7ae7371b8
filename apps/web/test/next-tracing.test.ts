import { createServer } from "node:http";
import { type AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";

import { startNext, type RunningNext } from "./helpers/next-server";

// The production build with tracing on, exporting over OTLP/HTTP to a sink
// on loopback: instrumentation.ts starts the SDK and spans leave the process.

let db: TestDatabase;
let web: RunningNext;
const exports: Buffer[] = [];
const sink = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    if (request.url === "/v1/traces") exports.push(Buffer.concat(chunks));
    response.writeHead(200, { "content-type": "application/x-protobuf" }).end();
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
  const { port } = sink.address() as AddressInfo;
  db = await createTestDatabase();
  web = await startNext({
    DATABASE_URL: db.ownerUrl,
    DATABASE_APP_URL: db.appUrl,
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
    OTEL_SERVICE_NAME: "web-under-test",
    // Export within a fraction of a second rather than the default 5 s.
    OTEL_BSP_SCHEDULE_DELAY: "100",
  });
}, 90_000);

afterAll(async () => {
  await web.stop();
  await db.drop();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

describe("the web app with tracing on", () => {
  it("exports the procedure's span, under the service's name", async () => {
    const response = await fetch(`${web.url}/api/trpc/system.health`);
    expect(response.status).toBe(200);
    // Protobuf keeps strings as UTF-8: the names are readable in the batch.
    await expect
      .poll(() => exports.some((body) => body.includes("system.health")), { timeout: 15_000 })
      .toBe(true);
    const batch = Buffer.concat(exports);
    expect(batch.includes("web-under-test")).toBe(true);
    expect(batch.includes("trpc.code")).toBe(true);
  });
});
