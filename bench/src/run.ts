/**
 * The benchmark: one command that seeds a dedicated database, starts the
 * production API server and a raw `pg` baseline, and drives both with
 * autocannon at fixed concurrencies. Prints one table (requests/s, p50,
 * p99, errors, server RSS, ratio to the baseline) and the SQL statements
 * each procedure sends per request; writes the same as JSON under
 * .artifacts/bench. It asserts no speed: the exit code only says whether
 * every request succeeded.
 *
 *   pnpm bench                      # full: 10k users, 1k projects, 50k instances; 1/32/128 connections
 *   BENCH_MODE=smoke pnpm bench     # a few seconds, small data set (what CI runs)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { countsSince, type StatementCounts } from "@fastnext/db/statement-counter";

import { openBenchDatabase } from "./database";
import { BENCH_USER, draftInstances, FULL, seedDataset, SMOKE } from "./dataset";
import { benchEnv } from "./env";
import { drive, printTable, type LoadResult, type LoadTarget } from "./load";
import { startServer } from "./processes";

const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.resolve(here, "../../.artifacts/bench");
const smoke = benchEnv.BENCH_MODE === "smoke";
const plan = smoke
  ? { size: SMOKE, connections: [1, 8], seconds: 2 }
  : { size: FULL, connections: [1, 32, 128], seconds: benchEnv.BENCH_SECONDS };

function trpcQuery(base: string, path: string, input?: unknown): string {
  const query =
    input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  return `${base}/${path}${query}`;
}

console.log(`Seeding (${benchEnv.BENCH_MODE}): ${JSON.stringify(plan.size)}`);
const db = await openBenchDatabase();
const started: { stop: () => Promise<void> }[] = [];
let failed = false;
try {
  const dataset = await seedDataset(db.adminUrl, plan.size);
  const drafts = await draftInstances(db.adminUrl, dataset.benchUserId);
  const serverEnv = { BENCH_APP_URL: db.appUrl, BENCH_SYSTEM_URL: db.systemUrl };
  // BENCH_CPU_PROF=1 writes a V8 CPU profile of the API server to .artifacts/profiles.
  const profile = benchEnv.BENCH_CPU_PROF
    ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(here, "../../.artifacts/profiles")]
    : [];
  const api = await startServer("server.ts", serverEnv, profile);
  started.push(api);
  const baseline = await startServer("baseline-server.ts", serverEnv);
  started.push(baseline);
  const base = `http://127.0.0.1:${api.port}/trpc`;

  const login = await fetch(`${base}/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: BENCH_USER }),
  });
  const session = (await login.json()) as { result?: { data: { json: { accessToken: string } } } };
  const token = session.result?.data.json.accessToken;
  if (!token) throw new Error(`bench user could not sign in: ${JSON.stringify(session)}`);
  const auth = { authorization: `Bearer ${token}` };

  let next = 0;
  const targets: (LoadTarget & { baselineComparable?: boolean })[] = [
    { name: "system.health", url: trpcQuery(base, "system.health") },
    { name: "users.me", url: trpcQuery(base, "users.me"), headers: auth },
    { name: "users.me without RLS tx", url: trpcQuery(base, "bench.meUnscoped"), headers: auth },
    {
      name: "projects.list",
      url: trpcQuery(base, "projects.list", { limit: 50 }),
      headers: auth,
      baselineComparable: true,
    },
    {
      name: "workflows.instances.list",
      url: trpcQuery(base, "workflows.instances.list", {
        projectId: dataset.projectId,
        state: "draft",
        limit: 50,
      }),
      headers: auth,
      baselineComparable: true,
    },
    {
      name: "workflows.instances.transition",
      url: `${base}/workflows.instances.transition`,
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      nextBody: () => {
        const instanceId = drafts[next++ % drafts.length];
        return JSON.stringify({
          json: { instanceId, transitionKey: "submit", expectedVersion: 1 },
        });
      },
    },
    {
      name: "baseline: raw pg, same RLS tx",
      url: `http://127.0.0.1:${baseline.port}/projects`,
      headers: { "x-user-id": dataset.benchUserId },
    },
  ];

  const only = benchEnv.BENCH_ONLY;
  if (only)
    targets.splice(
      0,
      targets.length,
      ...targets.filter((t) => t.name === only || t.name.startsWith("baseline")),
    );

  // Statements and round trips per request, counted at the pg driver: the
  // second call of each, so one-off work (the first load of a permission
  // set) is left out.
  const statements: Record<string, StatementCounts> = {
    "baseline: raw pg, same RLS tx": { statements: 4, roundTrips: 4 },
  };
  const counter = async () =>
    (await (
      await fetch(`http://127.0.0.1:${api.port}/bench/statements`)
    ).json()) as StatementCounts;
  for (const target of targets.filter((t) => !t.name.startsWith("baseline"))) {
    let before: StatementCounts = { statements: 0, roundTrips: 0 };
    for (let call = 0; call < 2; call += 1) {
      before = await counter();
      const response = await fetch(target.url, {
        method: target.method ?? "GET",
        headers: target.headers,
        body: target.nextBody?.() ?? target.body,
      });
      if (!response.ok)
        throw new Error(`${target.name} answered ${response.status}: ${await response.text()}`);
    }
    statements[target.name] = countsSince(before, await counter());
  }

  const results: (LoadResult & { rssMiB: number })[] = [];
  for (const connections of plan.connections) {
    for (const target of targets) {
      await drive(target, connections, 1); // warm-up
      const result = await drive(target, connections, plan.seconds);
      const server = target.name.startsWith("baseline") ? baseline : api;
      results.push({ ...result, rssMiB: server.rssMiB() });
    }
  }

  const rows = results.map((r) => {
    const base = results.find(
      (b) => b.connections === r.connections && b.name.startsWith("baseline"),
    );
    const comparable = targets.find((t) => t.name === r.name)?.baselineComparable;
    return {
      target: r.name,
      conns: r.connections,
      "req/s": r.requestsPerSecond,
      "p50 ms": r.p50Ms,
      "p99 ms": r.p99Ms,
      errors: r.errors + r.non2xx,
      "RSS MiB": r.rssMiB,
      "x baseline":
        comparable && base
          ? (r.requestsPerSecond / Math.max(1, base.requestsPerSecond)).toFixed(2)
          : "",
      "p99/base": comparable && base ? (r.p99Ms / Math.max(1, base.p99Ms)).toFixed(2) : "",
    };
  });
  console.log(`\n${plan.seconds} s per run, loopback, ${benchEnv.BENCH_MODE} data set\n`);
  printTable(rows);
  console.log("\nSQL statements and round trips per request (BEGIN and COMMIT included):");
  printTable(
    Object.entries(statements).map(([target, count]) => ({
      target,
      statements: count.statements,
      "round trips": count.roundTrips,
    })),
  );

  mkdirSync(artifacts, { recursive: true });
  const file = path.join(
    artifacts,
    `bench-${benchEnv.BENCH_MODE}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
  );
  writeFileSync(
    file,
    JSON.stringify({ mode: benchEnv.BENCH_MODE, plan, results: rows, statements }, null, 2),
  );
  console.log(`\nWrote ${path.relative(process.cwd(), file)}`);
  failed = rows.some((row) => row.errors > 0);
  if (failed) console.error("Some requests failed: see the errors column.");
} finally {
  for (const server of started.reverse()) await server.stop();
  await db.close();
}
process.exit(failed ? 1 : 0);
