/**
 * What Row Level Security costs, on the benchmark's data set:
 * 1. at the SQL level: every list statement as the application role against
 *    the same statement with explicit filters and no RLS (EXPLAIN ANALYZE,
 *    see sql-cost.ts), with the plans of projects.list and the instance list;
 * 2. per request: `users.me` (one transaction: begin_request, the read,
 *    COMMIT) against the same reads on the BYPASSRLS system login without a
 *    transaction, over real HTTP, same server, same run.
 * Prints figures; asserts nothing.
 *
 *   pnpm --filter @fastnext/bench bench:rls
 *   BENCH_MODE=smoke pnpm --filter @fastnext/bench bench:rls
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=32 pnpm --filter @fastnext/bench bench:rls
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import { openBenchDatabase } from "./database";
import { FULL, seedDataset, SMOKE } from "./dataset";
import { benchEnv } from "./env";
import { drive, printTable, type LoadResult } from "./load";
import { startServer } from "./processes";
import { measureSqlCost } from "./sql-cost";
import { signIn } from "./targets";

const seconds = benchEnv.BENCH_SECONDS;
const connections = benchEnv.BENCH_CONNECTIONS;
const here = path.dirname(fileURLToPath(import.meta.url));

const db = await openBenchDatabase();
const dataset = await seedDataset(
  db.adminUrl,
  benchEnv.BENCH_MODE === "smoke" ? SMOKE : FULL,
).catch(async (error: unknown) => {
  await db.close();
  throw error;
});

// BENCH_CPU_PROF=1 writes a V8 CPU profile of the server to .artifacts/profiles.
const profile = benchEnv.BENCH_CPU_PROF
  ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(here, "../../.artifacts/profiles")]
  : [];
const server = await startServer(
  "server.ts",
  { BENCH_APP_URL: db.appUrl, BENCH_SYSTEM_URL: db.systemUrl },
  profile,
);
const base = `http://127.0.0.1:${server.port}/trpc`;

try {
  await measureSqlCost(db, dataset, { plans: true });
  const headers = { authorization: `Bearer ${await signIn(base)}` };

  const targets = [
    { name: "users.me (scoped RLS transaction)", url: `${base}/users.me`, headers },
    { name: "same reads, no transaction, BYPASSRLS", url: `${base}/bench.meUnscoped`, headers },
  ];
  for (const target of targets) await drive(target, connections, 2); // warm-up
  const results: LoadResult[] = [];
  for (const target of targets) results.push(await drive(target, connections, seconds));

  console.log(
    `\nRLS transaction cost: ${connections} connections, ${seconds} s each, one server, loopback\n`,
  );
  printTable(
    results.map((r) => ({
      target: r.name,
      "req/s": r.requestsPerSecond,
      "p50 ms": r.p50Ms,
      "p99 ms": r.p99Ms,
      errors: r.errors + r.non2xx,
    })),
  );
  const [scoped, unscoped] = results;
  if (scoped && unscoped) {
    const ratio = unscoped.requestsPerSecond / Math.max(1, scoped.requestsPerSecond);
    console.log(
      `\nunscoped / scoped throughput: ${ratio.toFixed(2)}x (the RLS transaction's cost)`,
    );
  }
} finally {
  await server.stop();
  await db.close();
}
