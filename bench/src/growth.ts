/**
 * Cost growth: how the lists slow down as the caller's memberships and the
 * instance table grow. On its own database (2,000 projects), at one
 * connection so the figures are latencies, not queueing:
 * - projects.list p50 for members of 20, 200 and 2,000 projects;
 * - the instance list (one project, drafts) and projects.list at 50,000
 *   and then 500,000 instances (added with one INSERT ... SELECT).
 * Each beside the hand-written server doing the same work. Run by
 * `BENCH_GROWTH=1 pnpm bench`; prints figures, asserts nothing.
 */
import { openBenchDatabase } from "./database";
import {
  BENCH_USER,
  growInstances,
  seedDataset,
  setMemberships,
  type DatasetSize,
} from "./dataset";
import { benchEnv } from "./env";
import { drive, printTable } from "./load";
import { startServer, type ServerProcess } from "./processes";
import { signIn, trpcQuery } from "./targets";

/**
 * A growth plan: the benchmark user belongs to every project, three other
 * users to 1 %, 10 % and all of them, and the instance table is measured at
 * its seeded size and at ten times that.
 */
function growthPlan(size: Omit<DatasetSize, "benchUserProjects">) {
  return {
    size: { ...size, benchUserProjects: size.projects } satisfies DatasetSize,
    members: [size.projects / 100, size.projects / 10, size.projects],
    instances: [size.instances, size.instances * 10],
  };
}

const FULL_GROWTH = growthPlan({
  users: 10_000,
  projects: 2_000,
  membersPerProject: 10,
  instances: 50_000,
});
const SMOKE_GROWTH = growthPlan({
  users: 300,
  projects: 200,
  membersPerProject: 5,
  instances: 2_000,
});

export interface GrowthRow extends Record<string, string | number> {
  case: string;
  "p50 ms": number;
  "p99 ms": number;
  "req/s": number;
  "hand-written p50 ms": number;
  errors: number;
}

export async function runGrowth(smoke: boolean): Promise<{ rows: GrowthRow[]; errors: number }> {
  const plan = smoke ? SMOKE_GROWTH : FULL_GROWTH;
  const seconds = smoke ? 2 : benchEnv.BENCH_SECONDS;
  console.log(`\nCost growth: seeding ${JSON.stringify(plan.size)}`);
  const db = await openBenchDatabase();
  const servers: ServerProcess[] = [];
  try {
    const dataset = await seedDataset(db.adminUrl, plan.size);
    // Seeded users other than the bench user, made members of the newest N projects.
    const users = plan.members.map((projects, i) => ({
      projects,
      email:
        projects === plan.size.benchUserProjects ? BENCH_USER.email : `user${i + 1}@bench.example`,
    }));
    for (const user of users)
      if (user.email !== BENCH_USER.email)
        await setMemberships(db.adminUrl, user.email, user.projects);

    const env = { BENCH_APP_URL: db.appUrl, BENCH_SYSTEM_URL: db.systemUrl };
    const api = await startServer("server.ts", env);
    servers.push(api);
    const hand = await startServer("baseline-server.ts", env);
    servers.push(hand);
    const base = `http://127.0.0.1:${api.port}/trpc`;
    const handBase = `http://127.0.0.1:${hand.port}`;
    const tokens = new Map<string, string>();
    for (const user of users)
      tokens.set(
        user.email,
        await signIn(base, { email: user.email, password: BENCH_USER.password }),
      );

    const rows: GrowthRow[] = [];
    const measure = async (name: string, token: string, url: string, handUrl: string) => {
      const headers = { authorization: `Bearer ${token}` };
      const timed = async (target: string) => {
        await drive({ name, url: target, headers }, 1, 1); // warm-up
        return drive({ name, url: target, headers }, 1, seconds);
      };
      const project = await timed(url);
      const written = await timed(handUrl);
      rows.push({
        case: name,
        "p50 ms": project.p50Ms,
        "p99 ms": project.p99Ms,
        "req/s": project.requestsPerSecond,
        "hand-written p50 ms": written.p50Ms,
        errors: project.errors + project.non2xx + written.errors + written.non2xx,
      });
    };
    const projectsList = trpcQuery(base, "projects.list", { limit: 50 });
    const instanceList = trpcQuery(base, "workflows.instances.list", {
      projectId: dataset.projectId,
      state: "draft",
      limit: 50,
    });
    const handInstances = `${handBase}/workflows.instances.list?projectId=${dataset.projectId}&state=draft`;
    const benchToken = tokens.get(BENCH_USER.email) ?? "";

    for (const user of users)
      await measure(
        `projects.list, member of ${user.projects.toLocaleString("en")} projects`,
        tokens.get(user.email) ?? "",
        projectsList,
        `${handBase}/projects.list`,
      );
    let have = plan.size.instances;
    for (const total of plan.instances) {
      if (total > have) {
        console.log(`Cost growth: adding instances up to ${total.toLocaleString("en")}`);
        await growInstances(db.adminUrl, have, total, dataset.benchUserId);
        have = total;
      }
      const label = `${total.toLocaleString("en")} instances`;
      await measure(
        `instances.list (one project), ${label}`,
        benchToken,
        instanceList,
        handInstances,
      );
      await measure(
        `projects.list, member of ${plan.size.benchUserProjects.toLocaleString("en")}, ${label}`,
        benchToken,
        projectsList,
        `${handBase}/projects.list`,
      );
    }

    console.log(`\nCost growth: one connection, ${seconds} s per run\n`);
    printTable(rows);
    return { rows, errors: rows.reduce((sum, row) => sum + row.errors, 0) };
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await db.close();
  }
}
