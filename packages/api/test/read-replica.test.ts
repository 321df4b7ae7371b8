import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { createPrismaClient, Prisma, ReadRouting, scopedRows } from "@fastnext/db";
import {
  startStreamingReplica,
  streamingReplicaUnavailable,
  type StreamingReplica,
} from "@fastnext/db/testing";
import { createApiMetrics, createRegistry, METRIC, type ApiMetrics } from "@fastnext/metrics";
import {
  captureLogger,
  clientFor,
  failure,
  signUp,
  startApi,
  type LogCapture,
  type TestApi,
} from "@fastnext/test-support";

import { appRouter } from "../src/root";
import { authedProcedure, router } from "../src/trpc/procedures";

// Read-only procedures on a real streaming replica: a primary and a hot
// standby (pg_basebackup -R) started by this file, the real router over HTTP.

const unavailable = streamingReplicaUnavailable();
if (unavailable) console.warn(`read replica tests skipped: ${unavailable}`);

// The real router plus a query that says which server answered it.
const probeRouter = router({
  ...appRouter._def.record,
  probe: router({
    server: authedProcedure.query(async ({ ctx }) => {
      const [row] = z
        .array(
          z.object({
            standby: z.boolean(),
            read_only: z.string(),
            projects: z.number(),
          }),
        )
        .parse(
          await scopedRows(
            ctx.db,
            Prisma.sql`SELECT pg_is_in_recovery() AS standby,
              current_setting('transaction_read_only') AS read_only,
              (SELECT count(*) FROM projects)::int AS projects`,
          ),
        );
      if (!row) throw new Error("no row");
      return { standby: row.standby, readOnly: row.read_only === "on", projects: row.projects };
    }),
    // A query that writes without declaring it (`meta.writes`).
    renameProject: authedProcedure.input(z.object({ id: z.string() })).query(({ ctx, input }) =>
      ctx.db.project.update({
        where: { id: input.id },
        data: { name: "renamed by a query" },
        select: { id: true },
      }),
    ),
  }),
});
type ProbeRouter = typeof probeRouter;

let cluster: StreamingReplica;
let api: TestApi;
let routing: ReadRouting;
let metrics: ApiMetrics;
let logs: LogCapture;
let replicaAdmin: pg.Client | null = null;

beforeAll(async () => {
  if (unavailable) return;
  cluster = await startStreamingReplica();
  metrics = createApiMetrics(createRegistry());
  const captured = captureLogger();
  logs = captured.capture;
  const database = { ...cluster.primary, drop: () => Promise.resolve() };
  api = await startApi({
    router: probeRouter,
    metrics,
    database,
    reads: (primary) => {
      routing = new ReadRouting({
        primary,
        replica: createPrismaClient({
          connectionString: cluster.replica.appUrl,
          max: 3,
          connectTimeoutMs: 1_000,
        }),
        // Large: these tests pause replay without leaving the replica for lag.
        maxLagSeconds: 60,
        logger: captured.logger,
        observer: metrics.db.replica,
        probeIntervalMs: 50,
        retryAfterMs: 300,
      });
      return routing;
    },
  });
  await cluster.caughtUp();
  await routing.probe();
}, 60_000);

afterAll(async () => {
  if (unavailable) return;
  await replicaAdmin?.end();
  await api.close();
  await cluster.close();
});

async function reads(target: "replica" | "primary", reason: string): Promise<number> {
  const metric = metrics.registry.getSingleMetric(METRIC.replicaReads);
  if (!metric) throw new Error("no replica metric");
  const { values } = await metric.get();
  return values
    .filter((v) => v.labels.target === target && v.labels.reason === reason)
    .reduce((sum, v) => sum + v.value, 0);
}

async function replicaSql(sql: string): Promise<unknown[]> {
  if (!replicaAdmin) {
    replicaAdmin = new pg.Client({ connectionString: cluster.replica.adminUrl });
    await replicaAdmin.connect();
  }
  // Ended before the replica stops (`stopReplica` below); a failure mid-test is the test's.
  const { rows } = await replicaAdmin.query<Record<string, unknown>>(sql);
  return rows;
}

describe.skipIf(unavailable !== null)("read-only procedures on a streaming replica", () => {
  it("runs a signed-in query on the replica, READ ONLY, under the caller's RLS scope", async () => {
    const owner = await signUp(api, "Owner");
    const outsider = await signUp(api, "Outsider");
    await owner.client.projects.create.mutate({ name: "On both servers" });
    await cluster.caughtUp();
    await routing.probe();

    const onReplica = await reads("replica", "none");
    const ownerView = clientFor<ProbeRouter>(api.url, false, owner.accessToken);
    const outsiderView = clientFor<ProbeRouter>(api.url, false, outsider.accessToken);
    expect(await ownerView.probe.server.query()).toEqual({
      standby: true,
      readOnly: true,
      projects: 1,
    });
    // The replica holds the project (its superuser sees it); the outsider's scope does not.
    expect(await replicaSql("SELECT count(*)::int AS n FROM projects")).toEqual([{ n: 1 }]);
    expect(await outsiderView.probe.server.query()).toEqual({
      standby: true,
      readOnly: true,
      projects: 0,
    });
    expect((await outsider.client.projects.list.query({})).items).toEqual([]);
    expect(await reads("replica", "none")).toBe(onReplica + 3);
  });

  it("mutations stay on the primary, and a query that writes is refused by READ ONLY", async () => {
    const user = await signUp(api, "Writer");
    const before = await reads("replica", "none");
    const { id } = await user.client.projects.create.mutate({ name: "Primary only" });
    expect(await reads("replica", "none")).toBe(before);
    const view = clientFor<ProbeRouter>(api.url, false, user.accessToken);
    const refused = await failure(view.probe.renameProject.query({ id }));
    expect(refused.data?.code).toBe("INTERNAL_SERVER_ERROR");
    const { rows } = await api.sql.query("SELECT name FROM projects WHERE id = $1", [id]);
    expect(rows).toEqual([{ name: "Primary only" }]);
  });

  it("a caller's reads right after their own write see it, though the replica has not replayed it", async () => {
    const user = await signUp(api, "Reader of own writes");
    const other = await signUp(api, "Bystander");
    await cluster.caughtUp();
    await routing.probe();
    await replicaSql("SELECT pg_wal_replay_pause()");
    try {
      const ownWrite = await reads("primary", "own_write");
      const { id } = await user.client.projects.create.mutate({ name: "Just written" });
      // Not on the replica: a read there would miss it.
      expect(await replicaSql(`SELECT id FROM projects WHERE id = '${id}'`)).toEqual([]);
      expect((await user.client.projects.get.query({ id })).name).toBe("Just written");
      const listed = await user.client.projects.list.query({});
      expect(listed.items.map((project) => project.id)).toContain(id);
      expect(await reads("primary", "own_write")).toBe(ownWrite + 2);

      // Someone else, with no write of their own, still reads on the (paused) replica.
      const view = clientFor<ProbeRouter>(api.url, false, other.accessToken);
      expect((await view.probe.server.query()).standby).toBe(true);

      // A session the replica does not know yet is checked on the primary, not refused.
      const retried = await reads("primary", "retried");
      const late = await signUp(api, "Signed in during the pause");
      expect((await late.client.users.me.query()).user.id).toBe(late.id);
      expect(await reads("primary", "retried")).toBe(retried + 1);
    } finally {
      await replicaSql("SELECT pg_wal_replay_resume()");
    }
    // Once the replica has the write, the writer is back on it.
    await cluster.caughtUp();
    await routing.probe();
    const view = clientFor<ProbeRouter>(api.url, false, user.accessToken);
    expect(await view.probe.server.query()).toMatchObject({ standby: true, projects: 1 });
  });

  it("falls back to the primary when the replica stops, logs it once, and uses it again when it is back", async () => {
    const user = await signUp(api, "Through an outage");
    await cluster.caughtUp();
    await routing.probe();
    const view = clientFor<ProbeRouter>(api.url, false, user.accessToken);
    expect((await view.probe.server.query()).standby).toBe(true);

    const unreachable = await reads("primary", "unreachable");
    const linesBefore = logs.lines.length;
    await replicaAdmin?.end();
    replicaAdmin = null;
    await cluster.stopReplica();
    try {
      // Every call succeeds, answered by the primary.
      for (let i = 0; i < 5; i += 1) {
        expect(await view.probe.server.query()).toMatchObject({ standby: false, readOnly: true });
      }
      expect((await user.client.projects.list.query({})).items).toEqual([]);
      expect(await reads("primary", "unreachable")).toBe(unreachable + 6);
      const outage = logs.lines
        .slice(linesBefore)
        .filter((line) => line.msg === "replica: not in use, read-only calls run on the primary");
      expect(outage).toHaveLength(1);
      expect(outage[0]).toMatchObject({ reason: "unreachable", level: 50 });
      expect(routing.status().usable).toBe(false);
    } finally {
      await cluster.startReplica();
    }
    // Retried after the breaker's wait, by the calls themselves: back on the replica.
    await vi.waitFor(async () => expect((await view.probe.server.query()).standby).toBe(true), {
      timeout: 5_000,
      interval: 50,
    });
    expect(logs.lines.some((line) => line.msg === "replica: in use for read-only calls")).toBe(
      true,
    );
  });
});

describe.skipIf(unavailable !== null)("replica lag", () => {
  it("a replica behind by more than the bound is left for the primary, and used again once caught up", async () => {
    const { logger, capture } = captureLogger();
    // The API's own pools, with a bound small enough to cross in a test.
    const lagging = new ReadRouting({
      primary: api.deps.pool,
      replica: routing.replica,
      maxLagSeconds: 0.3,
      logger,
      probeIntervalMs: 20,
    });
    const where = () => lagging.read("someone", (_db, onReplica) => Promise.resolve(onReplica));
    try {
      await cluster.caughtUp();
      await lagging.probe();
      expect(await where()).toBe(true);
      await replicaSql("SELECT pg_wal_replay_pause()");
      // Commits the replica cannot replay while paused.
      await api.sql.query("SELECT txid_current()");
      await vi.waitFor(
        async () => {
          await api.sql.query("SELECT txid_current()");
          await lagging.probe();
          expect(lagging.status().usable).toBe(false);
        },
        { timeout: 5_000, interval: 50 },
      );
      expect(await where()).toBe(false);
      expect(capture.lines).toContainEqual(expect.objectContaining({ reason: "lag", level: 40 }));
      await replicaSql("SELECT pg_wal_replay_resume()");
      await cluster.caughtUp();
      await lagging.probe();
      expect(lagging.status().usable).toBe(true);
      expect(await where()).toBe(true);
    } finally {
      await replicaSql("SELECT pg_wal_replay_resume()");
    }
  });
});
