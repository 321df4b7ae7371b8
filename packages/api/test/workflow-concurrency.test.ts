import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { fireDueTimeouts } from "@fastnext/core/workflows";
import { createPrismaClient, type PrismaClient } from "@fastnext/db";
import { failure, startApi, type TestApi } from "@fastnext/test-support";

import {
  countRows,
  projectWithTeam,
  publishedTemplate,
  purchaseDefinition,
} from "./workflow-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

async function started(count = 1, definition = purchaseDefinition()) {
  const team = await projectWithTeam(api);
  const { key } = await publishedTemplate(api, definition);
  const instances = [];
  for (let i = 0; i < count; i += 1) {
    instances.push(
      await team.editor.client.workflows.instances.create.mutate({
        projectId: team.project.id,
        templateKey: key,
        title: `Chair ${i}`,
        data: { amount: 100, category: "office" },
      }),
    );
  }
  const first = instances[0];
  if (!first) throw new Error("no instance");
  return { ...team, key, instance: first, instances };
}

async function instanceRow(id: string) {
  const { rows } = await api.sql.query<{
    state: string;
    version: number;
    completed_at: Date | null;
  }>("SELECT state, version, completed_at FROM workflow_instances WHERE id = $1", [id]);
  return rows[0];
}

describe("optimistic concurrency", () => {
  it("20 concurrent transitions from the same version: exactly one wins, 19 get CONFLICT with the current state", async () => {
    const { instance, editor } = await started();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        editor.client.workflows.instances.transition.mutate({
          instanceId: instance.id,
          transitionKey: "submit",
          expectedVersion: 1,
        }),
      ),
    );
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const reason of lost) {
      expect(reason).toMatchObject({
        data: {
          code: "CONFLICT",
          reason: "stale_version",
          details: { currentState: "submitted", currentVersion: 2 },
        },
      });
    }
    expect(await countRows(api, "workflow_history", "instance_id", instance.id)).toBe(2);
    expect(await instanceRow(instance.id)).toMatchObject({ state: "submitted", version: 2 });
    const { rows } = await api.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM domain_events WHERE name = 'workflow.transitioned' AND payload->>'instanceId' = $1",
      [instance.id],
    );
    expect(rows[0]?.n).toBe(1);
  });
});

describe("idempotent retries", () => {
  it("a retry with the same key returns the same result and changes nothing", async () => {
    const { instance, editor } = await started();
    const input = {
      instanceId: instance.id,
      transitionKey: "submit",
      expectedVersion: 1,
      idempotencyKey: randomUUID(),
    };
    const first = await editor.client.workflows.instances.transition.mutate(input);
    const snapshot = async () => ({
      history: await countRows(api, "workflow_history", "instance_id", instance.id),
      activities: await countRows(api, "activities", "entity_id", instance.id),
      events: (
        await api.sql.query("SELECT id FROM domain_events WHERE payload->>'instanceId' = $1", [
          instance.id,
        ])
      ).rowCount,
      row: await instanceRow(instance.id),
    });
    const before = await snapshot();

    const retry = await editor.client.workflows.instances.transition.mutate(input);
    expect(retry).toEqual(first);
    // Even concurrent retries all get the first answer.
    const burst = await Promise.all(
      Array.from({ length: 5 }, () => editor.client.workflows.instances.transition.mutate(input)),
    );
    for (const result of burst) expect(result).toEqual(first);
    expect(await snapshot()).toEqual(before);
    expect(before.row).toMatchObject({ state: "submitted", version: 2 });
  });

  it("concurrent first attempts with one key: one transition happens and every caller gets its result", async () => {
    const { instance, editor } = await started();
    const input = {
      instanceId: instance.id,
      transitionKey: "submit",
      expectedVersion: 1,
      idempotencyKey: randomUUID(),
    };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => editor.client.workflows.instances.transition.mutate(input)),
    );
    for (const result of results) expect(result).toEqual(results[0]);
    expect(await countRows(api, "workflow_history", "instance_id", instance.id)).toBe(2);
  });

  it("refuses a key reused for another transition or by another caller", async () => {
    const { instance, editor, owner } = await started();
    const idempotencyKey = randomUUID();
    await editor.client.workflows.instances.transition.mutate({
      instanceId: instance.id,
      transitionKey: "submit",
      expectedVersion: 1,
      idempotencyKey,
    });
    const other = await failure(
      owner.client.workflows.instances.transition.mutate({
        instanceId: instance.id,
        transitionKey: "approve",
        expectedVersion: 2,
        idempotencyKey,
      }),
    );
    expect(other.data).toMatchObject({
      code: "CONFLICT",
      reason: "idempotency_key_reused",
      fieldErrors: { idempotencyKey: [expect.any(String)] },
    });
    expect(await instanceRow(instance.id)).toMatchObject({ state: "submitted", version: 2 });
  });

  it("a duplicate committed while the transition runs resolves to the first result (unique violation path)", async () => {
    const { instance, editor, project } = await started();
    const idempotencyKey = randomUUID();
    const firstResult = {
      instanceId: instance.id,
      historyId: randomUUID(),
      transitionKey: "submit",
      fromState: "draft",
      toState: "submitted",
      version: 2,
      stateEnteredAt: "2026-01-01T10:00:00.000Z",
      completedAt: null,
    };
    // Another attempt's history row, inserted and not yet committed. Foreign
    // key checks are off for this session so its insert holds no lock on the
    // instance row: the API's transition gets past its lock and its checks and
    // meets the duplicate only at its own insert, on the unique index.
    const other = new pg.Client({ connectionString: api.db.adminUrl });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("SET LOCAL session_replication_role = replica");
      await other.query(
        `INSERT INTO workflow_history (id, instance_id, project_id, transition_key, from_state, to_state, actor_id,
                                       idempotency_key, result, version_after)
         VALUES ($1, $2, $3, 'submit', 'draft', 'submitted', $4, $5, $6, 2)`,
        [
          firstResult.historyId,
          instance.id,
          project.id,
          editor.id,
          idempotencyKey,
          JSON.stringify(firstResult),
        ],
      );
      const call = editor.client.workflows.instances.transition.mutate({
        instanceId: instance.id,
        transitionKey: "submit",
        expectedVersion: 1,
        idempotencyKey,
      });
      await waitForLockWait(api);
      await other.query("COMMIT");
      const result = await call;
      expect(result).toEqual({
        ...firstResult,
        stateEnteredAt: new Date(firstResult.stateEnteredAt),
      });
    } finally {
      await other.end();
    }
    // The API's own attempt rolled back entirely: the instance was not moved by it.
    expect(await instanceRow(instance.id)).toMatchObject({ state: "draft", version: 1 });
    expect(await countRows(api, "workflow_history", "instance_id", instance.id)).toBe(2);
  });
});

/** Waits until some session of the test database is blocked on a lock. */
async function waitForLockWait(api: TestApi): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const { rows } = await api.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
      [api.db.name],
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("no session ever waited for a lock");
}

describe("time-outs", () => {
  let systems: PrismaClient[] = [];
  beforeAll(() => {
    systems = [
      createPrismaClient({ connectionString: api.db.systemUrl, max: 2 }),
      createPrismaClient({ connectionString: api.db.systemUrl, max: 2 }),
    ];
  });
  afterAll(async () => {
    for (const system of systems) await system.$disconnect();
  });

  async function submitAll(
    editor: Awaited<ReturnType<typeof started>>["editor"],
    ids: string[],
    hoursAgo: number,
  ) {
    for (const id of ids) {
      await editor.client.workflows.instances.transition.mutate({
        instanceId: id,
        transitionKey: "submit",
        expectedVersion: 1,
      });
    }
    await api.sql.query(
      "UPDATE workflow_instances SET state_entered_at = now() - make_interval(hours => $2) WHERE id = ANY($1::uuid[])",
      [ids, hoursAgo],
    );
  }

  it("fires once when two workers run fireDueTimeouts at the same time", async () => {
    const [a, b] = systems;
    if (!a || !b) throw new Error("no system clients");
    const { instance, instances, editor, project } = await started(2);
    const due = instance.id;
    const notYet = instances[1]?.id ?? "";
    await submitAll(editor, [due], 49);
    await submitAll(editor, [notYet], 47);

    const now = new Date();
    const fired = await Promise.all([fireDueTimeouts(a, now), fireDueTimeouts(b, now)]);
    expect(fired[0] + fired[1]).toBe(1);

    expect(await instanceRow(due)).toMatchObject({
      state: "rejected",
      version: 3,
      completed_at: expect.any(Date),
    });
    expect(await instanceRow(notYet)).toMatchObject({
      state: "submitted",
      version: 2,
      completed_at: null,
    });
    const { rows: history } = await api.sql.query(
      "SELECT transition_key, from_state, to_state, actor_id, version_after FROM workflow_history WHERE instance_id = $1 ORDER BY version_after",
      [due],
    );
    expect(history.at(-1)).toEqual({
      transition_key: "expire",
      from_state: "submitted",
      to_state: "rejected",
      actor_id: null,
      version_after: 3,
    });
    expect(history).toHaveLength(3);
    const { rows: events } = await api.sql.query(
      "SELECT actor_id, payload FROM domain_events WHERE name = 'workflow.transitioned' AND payload->>'transitionKey' = 'expire' AND payload->>'instanceId' = $1",
      [due],
    );
    expect(events).toEqual([
      {
        actor_id: null,
        payload: expect.objectContaining({
          instanceId: due,
          projectId: project.id,
          fromState: "submitted",
          toState: "rejected",
        }),
      },
    ]);
    const { rows: trail } = await api.sql.query(
      "SELECT actor_id FROM activities WHERE entity_id = $1 AND action = 'workflow_instance.timeout'",
      [due],
    );
    expect(trail).toEqual([{ actor_id: null }]);

    expect(await fireDueTimeouts(a, now)).toBe(0);
  });

  it("two workers share a batch of due instances and fire each exactly once", async () => {
    const [a, b] = systems;
    if (!a || !b) throw new Error("no system clients");
    const { instances, editor } = await started(12);
    const ids = instances.map((i) => i.id);
    await submitAll(editor, ids, 72);
    const now = new Date();
    const fired = await Promise.all([fireDueTimeouts(a, now), fireDueTimeouts(b, now)]);
    expect(fired[0] + fired[1]).toBe(12);
    const { rows } = await api.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM workflow_history WHERE instance_id = ANY($1::uuid[]) AND transition_key = 'expire'",
      [ids],
    );
    expect(rows[0]?.n).toBe(12);
  });

  it("passes over an instance whose time-out guard does not hold", async () => {
    const [a] = systems;
    if (!a) throw new Error("no system client");
    const definition = purchaseDefinition();
    const expire = definition.transitions.find((t) => t.key === "expire");
    if (!expire) throw new Error("fixture changed");
    expire.guard = { op: "exists", field: "note" };
    const { instance, editor } = await started(1, definition);
    await submitAll(editor, [instance.id], 100);
    expect(await fireDueTimeouts(a, new Date())).toBe(0);
    expect(await instanceRow(instance.id)).toMatchObject({ state: "submitted", version: 2 });
  });
});
