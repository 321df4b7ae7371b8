/**
 * What tracing costs: `users.me` against the benchmark's API server with
 * tracing off (no OTEL_* variables: the SDK is never loaded), on with every
 * trace sampled, and on with one in ten, each exporting over OTLP/HTTP to a
 * sink this script runs on loopback (it accepts and drops every batch).
 * Prints requests/s, p50, p99 and what reached the sink; asserts nothing.
 *
 *   pnpm --filter @fastnext/bench bench:tracing      # BENCH_CONNECTIONS (8 here), BENCH_SECONDS
 */
import { createServer } from "node:http";
import { type AddressInfo } from "node:net";

import { openBenchDatabase } from "./database";
import { BENCH_USER, seedDataset, SMOKE } from "./dataset";
import { benchEnv } from "./env";
import { drive, printTable } from "./load";
import { startServer } from "./processes";

const connections = Math.min(benchEnv.BENCH_CONNECTIONS, 8);
const seconds = Math.min(benchEnv.BENCH_SECONDS, 5);

/** An OTLP/HTTP receiver that answers every export with success and keeps count. */
async function startSink() {
  const received = { exports: 0, bytes: 0 };
  const sink = createServer((request, response) => {
    request.on("data", (chunk: Buffer) => (received.bytes += chunk.length));
    request.on("end", () => {
      received.exports += 1;
      // An empty body is an empty ExportTraceServiceResponse: everything accepted.
      response.writeHead(200, { "content-type": "application/x-protobuf" }).end();
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
  const { port } = sink.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => sink.close(() => resolve())),
  };
}

const modes: { name: string; env: (endpoint: string) => Record<string, string> }[] = [
  { name: "tracing off", env: () => ({}) },
  {
    name: "tracing on, all sampled",
    env: (endpoint) => ({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_TRACES_SAMPLER: "always_on",
    }),
  },
  {
    name: "tracing on, 1 in 10 sampled",
    env: (endpoint) => ({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
      OTEL_TRACES_SAMPLER_ARG: "0.1",
    }),
  },
];

console.log(`Seeding the smoke data set; then ${seconds} s per mode at ${connections} connections`);
const db = await openBenchDatabase();
const sink = await startSink();
const rows: Record<string, string | number>[] = [];
let failed = false;
try {
  const dataset = await seedDataset(db.adminUrl, SMOKE);
  for (const mode of modes) {
    const before = { ...sink.received };
    const server = await startServer("server.ts", {
      BENCH_APP_URL: db.appUrl,
      BENCH_SYSTEM_URL: db.systemUrl,
      OTEL_SERVICE_NAME: "fastnext-bench",
      ...mode.env(sink.endpoint),
    });
    try {
      const base = `http://127.0.0.1:${server.port}/trpc`;
      const login = await fetch(`${base}/auth.login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: BENCH_USER }),
      });
      const session = (await login.json()) as {
        result?: { data: { json: { accessToken: string } } };
      };
      const token = session.result?.data.json.accessToken;
      if (!token) throw new Error(`bench user could not sign in (${dataset.benchUserId})`);
      const target = {
        name: "users.me",
        url: `${base}/users.me`,
        headers: { authorization: `Bearer ${token}` },
      };
      await drive(target, connections, 1); // warm-up
      const result = await drive(target, connections, seconds);
      const rssMiB = server.rssMiB();
      failed ||= result.errors + result.non2xx > 0;
      rows.push({
        mode: mode.name,
        "req/s": result.requestsPerSecond,
        "p50 ms": result.p50Ms,
        "p99 ms": result.p99Ms,
        errors: result.errors + result.non2xx,
        "RSS MiB": rssMiB,
        "OTLP exports": sink.received.exports - before.exports,
        "OTLP KiB": Math.round((sink.received.bytes - before.bytes) / 1024),
      });
    } finally {
      // Stopping flushes what the batch processor still holds.
      await server.stop();
    }
  }
  const off = Number(rows[0]?.["req/s"] ?? 0);
  for (const row of rows) {
    row["vs off"] = off > 0 ? (Number(row["req/s"]) / off).toFixed(2) : "";
  }
  console.log(`\nusers.me, ${connections} connections, ${seconds} s per mode, loopback\n`);
  printTable(rows);
  if (failed) console.error("Some requests failed: see the errors column.");
} finally {
  await sink.close();
  await db.close();
}
process.exit(failed ? 1 : 0);
