/**
 * The soak: mixed reads and writes against the standalone API server for a
 * long time, to see whether its memory stays flat. Each connection cycles
 * through users.me, projects.list, the instance list and
 * workflows.instances.create (one write in four). The server's RSS is read
 * after every interval; at the end the drift (max - min) / min of the
 * readings after the first interval (warm-up) is printed. Prints figures;
 * the exit code only says whether every request succeeded.
 *
 *   pnpm bench:soak                                          # 10 minutes, 32 connections, full data set
 *   BENCH_SOAK_SECONDS=60 BENCH_SOAK_INTERVAL_SECONDS=10 pnpm bench:soak
 *   BENCH_MODE=smoke BENCH_SOAK_SECONDS=20 BENCH_SOAK_INTERVAL_SECONDS=5 pnpm bench:soak
 */
import autocannon from "autocannon";

import { openBenchDatabase } from "./database";
import { FULL, seedDataset, SMOKE } from "./dataset";
import { benchEnv } from "./env";
import { printTable } from "./load";
import { startServer, type ServerProcess } from "./processes";
import { signIn, trpcQuery } from "./targets";

const smoke = benchEnv.BENCH_MODE === "smoke";
const connections = benchEnv.BENCH_CONNECTIONS;
const total = benchEnv.BENCH_SOAK_SECONDS;
const interval = Math.min(benchEnv.BENCH_SOAK_INTERVAL_SECONDS, total);

const db = await openBenchDatabase();
let server: ServerProcess | undefined;
let failed = false;
try {
  const dataset = await seedDataset(db.adminUrl, smoke ? SMOKE : FULL);
  server = await startServer("server.ts", {
    BENCH_APP_URL: db.appUrl,
    BENCH_SYSTEM_URL: db.systemUrl,
  });
  const base = `http://127.0.0.1:${server.port}/trpc`;
  const headers = { authorization: `Bearer ${await signIn(base)}` };
  let created = 0;
  const requests: autocannon.Request[] = [
    { method: "GET", path: pathOf(trpcQuery(base, "users.me")) },
    { method: "GET", path: pathOf(trpcQuery(base, "projects.list", { limit: 50 })) },
    {
      method: "GET",
      path: pathOf(
        trpcQuery(base, "workflows.instances.list", {
          projectId: dataset.projectId,
          state: "draft",
          limit: 50,
        }),
      ),
    },
    {
      method: "POST",
      path: new URL(`${base}/workflows.instances.create`).pathname,
      headers: { "content-type": "application/json" },
      setupRequest: (request) => ({
        ...request,
        body: JSON.stringify({
          json: {
            projectId: dataset.projectId,
            templateKey: "purchase_request",
            title: `Soak ${++created}`,
            data: { amount: 10, category: "it" },
          },
        }),
      }),
    },
  ];

  console.log(
    `\nSoak: ${total} s at ${connections} connections, mixed (3 reads : 1 write), RSS every ${interval} s\n`,
  );
  const rows: Record<string, string | number>[] = [];
  let errors = 0;
  for (let elapsed = 0; elapsed < total; elapsed += interval) {
    const seconds = Math.min(interval, total - elapsed);
    const result = await autocannon({
      url: `http://127.0.0.1:${server.port}`,
      headers,
      connections,
      duration: seconds,
      requests,
    });
    const bad = result.errors + result.timeouts + result.non2xx;
    errors += bad;
    const row = {
      "at s": elapsed + seconds,
      "req/s": Math.round(result.requests.average),
      "p99 ms": result.latency.p99,
      errors: bad,
      "RSS MiB": server.rssMiB(),
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  console.log("");
  printTable(rows);
  const readings = rows.slice(rows.length > 1 ? 1 : 0).map((row) => Number(row["RSS MiB"]));
  const min = Math.min(...readings);
  const max = Math.max(...readings);
  console.log(
    `\nRSS after the first interval: min ${min} MiB, max ${max} MiB, drift (max - min) / min = ${(
      (100 * (max - min)) /
      Math.max(1, min)
    ).toFixed(1)} %; ${created} create requests sent, ${errors} failed requests`,
  );
  failed = errors > 0;
} finally {
  await server?.stop();
  await db.close();
}
process.exit(failed ? 1 : 0);

function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}
