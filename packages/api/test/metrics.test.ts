import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { appRouter } from "@fastnext/api";
import { createApiMetrics, createRegistry, METRIC, type ApiMetrics } from "@fastnext/metrics";
import { failure, signInAdmin, signUp, startApi, type TestApi } from "@fastnext/test-support";

import { projectWithTeam, publishedTemplate } from "./workflow-fixtures";

// The metrics the API records, read from the registry after real calls over
// HTTP on a real database, wired as the apps wire theirs.

let api: TestApi;
let metrics: ApiMetrics;

beforeAll(async () => {
  metrics = createApiMetrics(createRegistry());
  // Sign-in attempts per account: the 9th is refused by the limit (after 6 lock the account).
  api = await startApi({ metrics, loginPerAccount: 8 });
});
afterAll(async () => {
  await api.close();
});

type Labels = Record<string, string>;

/** Samples of one metric (for a histogram: its `_count`, `_sum` or `_bucket` series). */
async function samples(name: string, series = name) {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return values
    .filter((v) => ("metricName" in v && v.metricName ? v.metricName : name) === series)
    .map((v) => ({ labels: v.labels as Labels, value: v.value }));
}

/** The sum of the samples whose labels include `labels`. */
async function value(name: string, labels: Labels = {}, series = name): Promise<number> {
  return (await samples(name, series))
    .filter((s) => Object.entries(labels).every(([k, v]) => String(s.labels[k]) === v))
    .reduce((sum, s) => sum + s.value, 0);
}

const count = (name: string, labels: Labels) => value(name, labels, `${name}_count`);

describe("tRPC calls", () => {
  it("counts calls and durations by procedure, type and the code the client got", async () => {
    const ok = { procedure: "system.health", type: "query", code: "OK" };
    const before = await value(METRIC.trpcCalls, ok);
    const durationsBefore = await count(METRIC.trpcDuration, ok);
    await api.client().system.health.query();
    await api.client().system.health.query();
    expect(await value(METRIC.trpcCalls, ok)).toBe(before + 2);
    expect(await count(METRIC.trpcDuration, ok)).toBe(durationsBefore + 2);

    // A refusal is counted under the mapped code, not as a server error.
    const user = await signUp(api);
    const refused = { procedure: "admin.system.stats", type: "query", code: "FORBIDDEN" };
    const refusedBefore = await value(METRIC.trpcCalls, refused);
    expect((await failure(user.client.admin.system.stats.query())).data?.code).toBe("FORBIDDEN");
    expect(await value(METRIC.trpcCalls, refused)).toBe(refusedBefore + 1);
    expect(await value(METRIC.trpcCalls, { code: "INTERNAL_SERVER_ERROR" })).toBe(0);
  });

  it("records the statements a call sent", async () => {
    const user = await signUp(api);
    const labels = { procedure: "projects.list", type: "query" };
    const before = await value(METRIC.statementsPerCall, labels, `${METRIC.statementsPerCall}_sum`);
    await user.client.projects.list.query({});
    const sent =
      (await value(METRIC.statementsPerCall, labels, `${METRIC.statementsPerCall}_sum`)) - before;
    // At least the transaction's BEGIN with its scope, a read and the COMMIT.
    expect(sent).toBeGreaterThanOrEqual(3);
    expect(sent).toBeLessThan(30);
  });

  it("labels only with router paths, call types and tRPC codes: no ids, no raw paths", async () => {
    const paths = new Set(Object.keys(appRouter._def.procedures));
    const codes = /^(OK|[A-Z_]+)$/;
    for (const { labels } of await samples(METRIC.trpcCalls)) {
      expect(Object.keys(labels).sort()).toEqual(["code", "procedure", "type"]);
      expect(paths).toContain(labels.procedure);
      expect(["query", "mutation", "subscription"]).toContain(labels.type);
      expect(labels.code).toMatch(codes);
    }
    // A path that is no procedure is not given a series of its own.
    await fetch(`${api.url}/no.such.procedure-123e4567`);
    for (const { labels } of await samples(METRIC.trpcCalls)) {
      expect(paths).toContain(labels.procedure);
    }
  });

  it("counts HTTP answers by status", async () => {
    const before = await value(METRIC.httpResponses, { handler: "trpc", status: "200" });
    const notFound = await value(METRIC.httpResponses, { handler: "trpc", status: "404" });
    await api.client().system.health.query();
    await fetch(`${api.url}/no.such.procedure`);
    expect(await value(METRIC.httpResponses, { handler: "trpc", status: "200" })).toBe(before + 1);
    expect(await value(METRIC.httpResponses, { handler: "trpc", status: "404" })).toBe(
      notFound + 1,
    );
  });
});

describe("database", () => {
  it("reports the pool and the transactions' durations", async () => {
    await (await signUp(api)).client.projects.list.query({});
    expect(await value(METRIC.poolMax, { pool: "app" })).toBe(5);
    const total = await value(METRIC.poolConnections, { pool: "app", state: "total" });
    const idle = await value(METRIC.poolConnections, { pool: "app", state: "idle" });
    expect(total).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThanOrEqual(5);
    expect(idle).toBeLessThanOrEqual(total);
    expect(await value(METRIC.poolConnections, { pool: "app", state: "waiting" })).toBe(0);
    expect(
      await count(METRIC.transactionDuration, { pool: "app", outcome: "commit" }),
    ).toBeGreaterThan(0);
  });

  it("records a refused call's transaction as rolled back", async () => {
    const user = await signUp(api);
    const rolledBack = () =>
      count(METRIC.transactionDuration, { pool: "app", outcome: "rollback" });
    const before = await rolledBack();
    const error = await failure(
      user.client.projects.get.query({ id: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(error.data?.code).toBe("NOT_FOUND");
    expect(await rolledBack()).toBe(before + 1);
  });
});

describe("security figures", () => {
  it("counts sign-in outcomes, the lock-out, the limit's refusals and refresh-token reuse", async () => {
    const user = await signUp(api);
    const signIns = (outcome: string) => value(METRIC.signIns, { outcome });
    const [okBefore, wrongBefore, lockedBefore, limitedBefore, lockOutsBefore, refusedBefore] =
      await Promise.all([
        signIns("signed_in"),
        signIns("invalid_credentials"),
        signIns("locked"),
        signIns("rate_limited"),
        value(METRIC.lockOuts),
        value(METRIC.rateLimited, { limiter: "loginPerAccount" }),
      ]);
    // signUp signed in once already, so this account has 7 attempts left before the limit.
    const attempt = (password: string) =>
      failure(api.client().auth.login.mutate({ email: user.email, password }));
    for (let i = 0; i < 5; i += 1) await attempt("wrong password!");
    expect(await signIns("invalid_credentials")).toBe(wrongBefore + 5);
    expect(await value(METRIC.lockOuts)).toBe(lockOutsBefore);
    // The 6th wrong password locks the account; the next attempt finds it locked.
    await attempt("wrong password!");
    await attempt(user.password);
    expect(await value(METRIC.lockOuts)).toBe(lockOutsBefore + 1);
    expect(await signIns("locked")).toBe(lockedBefore + 2);
    // The 9th attempt on the account is over its limit.
    expect((await attempt(user.password)).data?.code).toBe("TOO_MANY_REQUESTS");
    expect(await signIns("rate_limited")).toBe(limitedBefore + 1);
    expect(await value(METRIC.rateLimited, { limiter: "loginPerAccount" })).toBe(refusedBefore + 1);

    const other = await signUp(api);
    expect(await signIns("signed_in")).toBe(okBefore + 1);
    const reuseBefore = await value(METRIC.refreshTokenReuse);
    await api.client().auth.refresh.mutate({ refreshToken: other.refreshToken });
    await failure(api.client().auth.refresh.mutate({ refreshToken: other.refreshToken }));
    expect(await value(METRIC.refreshTokenReuse)).toBe(reuseBefore + 1);
  });
});

describe("business figures", () => {
  it("counts workflow instances created and transitions made", async () => {
    const team = await projectWithTeam(api);
    const { key } = await publishedTemplate(api);
    const [created, transitions] = await Promise.all([
      value(METRIC.workflowInstancesCreated),
      value(METRIC.workflowTransitions),
    ]);
    const instance = await team.editor.client.workflows.instances.create.mutate({
      projectId: team.project.id,
      templateKey: key,
      title: "Desk",
      data: { amount: 500, category: "office" },
    });
    await team.editor.client.workflows.instances.transition.mutate({
      instanceId: instance.id,
      transitionKey: "submit",
      expectedVersion: 1,
    });
    // A refused transition (stale version) is not counted.
    await failure(
      team.editor.client.workflows.instances.transition.mutate({
        instanceId: instance.id,
        transitionKey: "submit",
        expectedVersion: 1,
      }),
    );
    expect(await value(METRIC.workflowInstancesCreated)).toBe(created + 1);
    expect(await value(METRIC.workflowTransitions)).toBe(transitions + 1);
  });
});

describe("the admin system page's live figures", () => {
  it("come from the same registry, with the queue and the workers", async () => {
    const admin = await signInAdmin(api);
    await api.client().system.health.query();
    const stats = await admin.client.admin.system.stats.query();
    expect(stats.traffic).not.toBeNull();
    expect(stats.traffic?.requestsPerSecond).toBeGreaterThan(0);
    expect(stats.traffic?.errorRatio).toBe(0);
    expect(stats.traffic?.p95Seconds).toBeGreaterThan(0);
    expect(stats.workers).toEqual({ alive: 0, lastBeatAt: null });
    expect(stats.jobs.queued).toBeGreaterThanOrEqual(0);
    // The same figure a scrape reports: no worker beats for this database.
    expect(await value(METRIC.workersAlive)).toBe(0);
  });
});
