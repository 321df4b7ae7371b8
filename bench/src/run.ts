/**
 * The benchmark: one command that seeds a dedicated database and prints
 * 1. RLS at the SQL level: every list statement as the application role
 *    against the same statement with explicit filters and no RLS;
 * 2. the load table: the production API as a standalone server, the Next.js
 *    route (production build) and the hand-written baseline
 *    (baseline-server.ts) driven by autocannon at fixed concurrencies;
 * 3. the stack against hand-written code: for users.me, projects.list and
 *    the instance list, requests/s and p99 of each edge beside the
 *    hand-written server's, with the ratios;
 * 4. the SQL statements each procedure sends per request;
 * 5. with BENCH_GROWTH=1, cost growth (growth.ts).
 * Writes the same as JSON under .artifacts/bench. It asserts no speed: the
 * exit code only says whether every request succeeded.
 *
 *   pnpm bench                      # full: 10k users, 1k projects, 50k instances; 1/32/128 connections
 *   BENCH_GROWTH=1 pnpm bench       # also cost growth (2,000 projects, 500,000 instances: minutes more)
 *   BENCH_MODE=smoke pnpm bench     # a few seconds, small data set (what CI runs)
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { z } from "zod";

import { countsSince, type StatementCounts } from "@fastnext/db/statement-counter";

import { openBenchDatabase } from "./database";
import { draftInstances, FULL, seedDataset, SMOKE } from "./dataset";
import { benchEnv } from "./env";
import { runGrowth } from "./growth";
import { drive, printTable, type LoadResult, type LoadTarget } from "./load";
import { hasWebBuild, startServer, startWeb, type ServerProcess } from "./processes";
import { measureSqlCost } from "./sql-cost";
import { signIn, trpcQuery } from "./targets";

const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.resolve(here, "../../.artifacts/bench");
const smoke = benchEnv.BENCH_MODE === "smoke";
const plan = smoke
  ? { size: SMOKE, connections: [1, 8], seconds: 2 }
  : { size: FULL, connections: [1, 32, 128], seconds: benchEnv.BENCH_SECONDS };

interface Target extends LoadTarget {
  /** The process that answers it, for its RSS. */
  server: ServerProcess;
  /** The hand-written target doing the same work, if any. */
  baseline?: string;
}

/** One request to a target as the load would send it; a failed answer stops the run with its body. */
async function callTarget(target: LoadTarget): Promise<Response> {
  const response = await fetch(target.url, {
    method: target.method ?? "GET",
    headers: target.headers,
    body: target.nextBody?.() ?? target.body,
  });
  if (!response.ok)
    throw new Error(`${target.name} answered ${response.status}: ${await response.text()}`);
  return response;
}

// A list's answer: tRPC's envelope (the API, the Next.js route) or the bare
// page (the hand-written server); anything else counts no items.
const ZItemsSchema = z.array(z.unknown()).optional();
const ZListAnswerSchema = z.object({
  items: ZItemsSchema,
  result: z
    .object({ data: z.object({ json: z.object({ items: ZItemsSchema }).optional() }).optional() })
    .optional(),
});

/**
 * The Next.js route needs a production build. A full run makes one when it
 * is missing; a smoke run uses one if it exists (CI builds it before).
 */
function webBuildReady(): { ready: boolean; reason?: string } {
  if (benchEnv.BENCH_NEXT === "skip") return { ready: false, reason: "BENCH_NEXT=skip" };
  if (hasWebBuild()) return { ready: true };
  if (smoke) return { ready: false, reason: "no production build of apps/web (pnpm build)" };
  console.log("Building apps/web for production (next build)...");
  const build = spawnSync("pnpm", ["--filter", "@fastnext/web", "build"], { stdio: "inherit" });
  return build.status === 0 && hasWebBuild()
    ? { ready: true }
    : { ready: false, reason: `next build failed (exit ${build.status})` };
}

console.log(`Seeding (${benchEnv.BENCH_MODE}): ${JSON.stringify(plan.size)}`);
const db = await openBenchDatabase();
const started: ServerProcess[] = [];
let failed = false;
try {
  const dataset = await seedDataset(db.adminUrl, plan.size);
  const drafts = await draftInstances(db.adminUrl, dataset.benchUserId);
  const sqlCost = await measureSqlCost(db, dataset, { runs: smoke ? 5 : 15 });

  const serverEnv = { BENCH_APP_URL: db.appUrl, BENCH_SYSTEM_URL: db.systemUrl };
  // BENCH_CPU_PROF=1 writes a V8 CPU profile of the API server to .artifacts/profiles.
  const profile = benchEnv.BENCH_CPU_PROF
    ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(here, "../../.artifacts/profiles")]
    : [];
  const api = await startServer("server.ts", serverEnv, profile);
  started.push(api);
  const handWritten = await startServer("baseline-server.ts", serverEnv);
  started.push(handWritten);
  const webBuild = webBuildReady();
  const web = webBuild.ready ? await startWeb(db) : null;
  if (web) started.push(web);
  else console.log(`\nNext.js route skipped: ${webBuild.reason}`);

  const base = `http://127.0.0.1:${api.port}/trpc`;
  const auth = { authorization: `Bearer ${await signIn(base)}` };
  const hand = `http://127.0.0.1:${handWritten.port}`;
  const listInput = { projectId: dataset.projectId, state: "draft", limit: 50 };

  let next = 0;
  const targets: Target[] = [
    { name: "system.health", url: trpcQuery(base, "system.health"), server: api },
    {
      name: "users.me",
      url: trpcQuery(base, "users.me"),
      headers: auth,
      server: api,
      baseline: "hand-written: users.me",
    },
    {
      name: "projects.list",
      url: trpcQuery(base, "projects.list", { limit: 50 }),
      headers: auth,
      server: api,
      baseline: "hand-written: projects.list",
    },
    {
      name: "workflows.instances.list",
      url: trpcQuery(base, "workflows.instances.list", listInput),
      headers: auth,
      server: api,
      baseline: "hand-written: workflows.instances.list",
    },
    {
      name: "workflows.instances.transition",
      url: `${base}/workflows.instances.transition`,
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      server: api,
      nextBody: () => {
        const instanceId = drafts[next++ % drafts.length];
        return JSON.stringify({
          json: { instanceId, transitionKey: "submit", expectedVersion: 1 },
        });
      },
    },
  ];
  if (web) {
    const route = `http://127.0.0.1:${web.port}/api/trpc`;
    targets.push(
      {
        name: "next: users.me",
        url: trpcQuery(route, "users.me"),
        headers: auth,
        server: web,
        baseline: "hand-written: users.me",
      },
      {
        name: "next: projects.list",
        url: trpcQuery(route, "projects.list", { limit: 50 }),
        headers: auth,
        server: web,
        baseline: "hand-written: projects.list",
      },
      {
        name: "next: workflows.instances.list",
        url: trpcQuery(route, "workflows.instances.list", listInput),
        headers: auth,
        server: web,
        baseline: "hand-written: workflows.instances.list",
      },
    );
  }
  targets.push(
    {
      name: "hand-written: users.me",
      url: `${hand}/users.me`,
      headers: auth,
      server: handWritten,
    },
    {
      name: "hand-written: projects.list",
      url: `${hand}/projects.list`,
      headers: auth,
      server: handWritten,
    },
    {
      name: "hand-written: workflows.instances.list",
      url: `${hand}/workflows.instances.list?projectId=${dataset.projectId}&state=draft`,
      headers: auth,
      server: handWritten,
    },
  );

  const only = benchEnv.BENCH_ONLY;
  if (only) {
    const keep = targets.filter((t) => t.name === only);
    const baselines = targets.filter((t) => keep.some((k) => k.baseline === t.name));
    targets.splice(0, targets.length, ...keep, ...baselines);
  }

  // Every target answers, and both sides of a comparison return the same number of items.
  const items = new Map<string, number | undefined>();
  for (const target of targets) {
    const body = ZListAnswerSchema.parse(await (await callTarget(target)).json());
    items.set(target.name, (body.result?.data?.json?.items ?? body.items)?.length);
  }
  for (const target of targets.filter((t) => t.baseline && items.has(t.baseline ?? ""))) {
    const [mine, theirs] = [items.get(target.name), items.get(target.baseline ?? "")];
    if (mine !== theirs)
      throw new Error(`${target.name} returned ${mine} items, ${target.baseline} ${theirs}`);
  }

  // Statements and round trips per request, counted at the pg driver: the
  // second call of each, so one-off work (the first load of a permission
  // set) is left out.
  // The hand-written server's, by construction: BEGIN and begin_request share
  // a round trip, then the procedure's SQL, then COMMIT.
  const handWrittenCounts: Record<string, StatementCounts> = {
    "hand-written: users.me": { statements: 4, roundTrips: 3 },
    "hand-written: projects.list": { statements: 4, roundTrips: 3 },
    "hand-written: workflows.instances.list": { statements: 5, roundTrips: 4 },
  };
  const statements = Object.fromEntries(
    Object.entries(handWrittenCounts).filter(([name]) => targets.some((t) => t.name === name)),
  );
  const counter = async () =>
    (await (
      await fetch(`http://127.0.0.1:${api.port}/bench/statements`)
    ).json()) as StatementCounts;
  for (const target of targets.filter((t) => t.server === api)) {
    let before: StatementCounts = { statements: 0, roundTrips: 0 };
    for (let call = 0; call < 2; call += 1) {
      before = await counter();
      await callTarget(target);
    }
    statements[target.name] = countsSince(before, await counter());
  }

  const results: (LoadResult & { rssMiB: number; cpuMsPerRequest: number })[] = [];
  for (const connections of plan.connections) {
    for (const target of targets) {
      await drive(target, connections, 1); // warm-up
      const cpuBefore = target.server.cpuSeconds();
      const result = await drive(target, connections, plan.seconds);
      const cpuMs = (target.server.cpuSeconds() - cpuBefore) * 1000;
      results.push({
        ...result,
        rssMiB: target.server.rssMiB(),
        cpuMsPerRequest: cpuMs / Math.max(1, result.total),
      });
    }
  }

  const rows = results.map((r) => ({
    target: r.name,
    conns: r.connections,
    "req/s": r.requestsPerSecond,
    "p50 ms": r.p50Ms,
    "p99 ms": r.p99Ms,
    errors: r.errors + r.non2xx,
    "CPU ms/req": r.cpuMsPerRequest.toFixed(2),
    "RSS MiB": r.rssMiB,
  }));
  const comparisons = results.flatMap((r) => {
    const baselineName = targets.find((t) => t.name === r.name)?.baseline;
    const b = results.find((x) => x.name === baselineName && x.connections === r.connections);
    if (!b) return [];
    return [
      {
        target: r.name,
        conns: r.connections,
        "req/s": r.requestsPerSecond,
        "hand-written req/s": b.requestsPerSecond,
        "x hand-written": (r.requestsPerSecond / Math.max(1, b.requestsPerSecond)).toFixed(2),
        "p99 ms": r.p99Ms,
        "hand-written p99": b.p99Ms,
        "p99 ratio": (r.p99Ms / Math.max(1, b.p99Ms)).toFixed(2),
        "CPU ms/req": r.cpuMsPerRequest.toFixed(2),
        "hand-written CPU ms/req": b.cpuMsPerRequest.toFixed(2),
      },
    ];
  });

  console.log(`\n${plan.seconds} s per run, loopback, ${benchEnv.BENCH_MODE} data set\n`);
  printTable(rows);
  console.log(
    "\nThe stack against hand-written code (node:http + pg + jose, same protected work):\n",
  );
  printTable(comparisons);
  console.log("\nSQL statements and round trips per request (BEGIN and COMMIT included):");
  printTable(
    Object.entries(statements).map(([target, count]) => ({
      target,
      statements: count.statements,
      "round trips": count.roundTrips,
    })),
  );
  for (const server of started.reverse()) await server.stop();
  started.length = 0;

  const growth = benchEnv.BENCH_GROWTH ? await runGrowth(smoke) : null;

  mkdirSync(artifacts, { recursive: true });
  const file = path.join(
    artifacts,
    `bench-${benchEnv.BENCH_MODE}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
  );
  writeFileSync(
    file,
    JSON.stringify(
      { mode: benchEnv.BENCH_MODE, plan, sqlCost, results: rows, comparisons, statements, growth },
      null,
      2,
    ),
  );
  console.log(`\nWrote ${path.relative(process.cwd(), file)}`);
  failed = rows.some((row) => row.errors > 0) || (growth?.errors ?? 0) > 0;
  if (failed) console.error("Some requests failed: see the errors column.");
} finally {
  for (const server of started.reverse()) await server.stop();
  await db.close();
}
process.exit(failed ? 1 : 0);
