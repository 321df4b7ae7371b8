import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { failure, startApi, type TestApi } from "@fastnext/test-support";

import { countStatements, projectWithTeam, publishedTemplate } from "./workflow-fixtures";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api.close();
});

const HOUR = 3600;
const T0 = "2026-03-01T00:00:00Z";

describe("workflow analytics", () => {
  it("counts states, time in state (median, p90) and completions per day on a known data set", async () => {
    const { project, owner, editor, outsider } = await projectWithTeam(api);
    const { key } = await publishedTemplate(api);
    const data = { amount: 100, category: "it" };
    const create = async (projectId: string, title: string) =>
      (
        await owner.client.workflows.instances.create.mutate({
          projectId,
          templateKey: key,
          title,
          data,
        })
      ).id;
    const move = async (id: string, keys: string[]) => {
      for (const [index, transitionKey] of keys.entries()) {
        await owner.client.workflows.instances.transition.mutate({
          instanceId: id,
          transitionKey,
          expectedVersion: index + 1,
          comment: "ok",
        });
      }
    };
    // Paths, and the hour (after T0) each history row is placed at.
    const i1 = await create(project.id, "one");
    await move(i1, ["submit", "approve", "complete"]); // draft 0, submitted 1, approved 3, done 4
    const i2 = await create(project.id, "two");
    await move(i2, ["submit", "reject"]); // draft 0, submitted 3, rejected 7
    const i3 = await create(project.id, "three");
    await move(i3, ["submit"]); // draft 0, submitted 5 (still there)
    const i4 = await create(project.id, "four");
    await move(i4, ["submit", "reject"]); // draft 0, submitted 3, rejected 5
    const timeline: Record<string, number[]> = {
      [i1]: [0, 1, 3, 4],
      [i2]: [0, 3, 7],
      [i3]: [0, 5],
      [i4]: [0, 3, 5],
    };
    for (const [id, hours] of Object.entries(timeline)) {
      for (const [index, hour] of hours.entries()) {
        await api.sql.query(
          "UPDATE workflow_history SET created_at = $3::timestamptz + make_interval(hours => $4) WHERE instance_id = $1 AND version_after = $2",
          [id, index + 1, T0, hour],
        );
      }
    }
    await api.sql.query(
      "UPDATE workflow_instances SET completed_at = now() - interval '2 days' WHERE id = $1",
      [i1],
    );
    await api.sql.query("UPDATE workflow_instances SET completed_at = now() WHERE id = $1", [i2]);
    await api.sql.query(
      "UPDATE workflow_instances SET completed_at = now() - interval '40 days' WHERE id = $1",
      [i4],
    );

    // Another project of the same owner, to check the project filter.
    const other = await owner.client.projects.create.mutate({ name: "Other" });
    await create(other.id, "elsewhere");

    const summary = await owner.client.workflows.analytics.summary.query({
      templateKey: key,
      projectId: project.id,
    });
    expect(summary.instancesByState).toEqual([
      { state: "done", count: 1 },
      { state: "rejected", count: 2 },
      { state: "submitted", count: 1 },
    ]);
    // draft: 1h, 3h, 5h, 3h; submitted: 2h, 4h, 2h (the visit still going is left out); approved: 1h.
    const seconds = (hours: number): unknown => expect.closeTo(hours * HOUR, 3);
    expect(summary.timeInState).toEqual([
      { state: "approved", visits: 1, medianSeconds: seconds(1), p90Seconds: seconds(1) },
      { state: "draft", visits: 4, medianSeconds: seconds(3), p90Seconds: seconds(4.4) },
      { state: "submitted", visits: 3, medianSeconds: seconds(2), p90Seconds: seconds(3.6) },
    ]);

    const { rows } = await api.sql.query<{ today: string; two_ago: string; first: string }>(
      `SELECT to_char((now() AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS today,
              to_char((now() AT TIME ZONE 'UTC')::date - 2, 'YYYY-MM-DD') AS two_ago,
              to_char((now() AT TIME ZONE 'UTC')::date - 29, 'YYYY-MM-DD') AS first`,
    );
    const days = rows[0];
    if (!days) throw new Error("no dates");
    expect(summary.completedPerDay).toHaveLength(30);
    expect(summary.completedPerDay[0]?.day).toBe(days.first);
    expect(summary.completedPerDay.at(-1)?.day).toBe(days.today);
    expect(summary.completedPerDay.filter((d) => d.count > 0)).toEqual([
      { day: days.two_ago, count: 1 },
      { day: days.today, count: 1 },
    ]);

    // Without the project filter the other project's instance counts too.
    const everywhere = await owner.client.workflows.analytics.summary.query({ templateKey: key });
    expect(everywhere.instancesByState).toContainEqual({ state: "draft", count: 1 });

    // Members see the same figures; outsiders see nothing of a private project.
    expect(
      (
        await editor.client.workflows.analytics.summary.query({
          templateKey: key,
          projectId: project.id,
        })
      ).timeInState,
    ).toEqual(summary.timeInState);
    const hidden = await outsider.client.workflows.analytics.summary.query({ templateKey: key });
    expect(hidden.instancesByState).toEqual([]);
    expect(hidden.timeInState).toEqual([]);
    expect(hidden.completedPerDay.every((d) => d.count === 0)).toBe(true);
    expect(
      (
        await failure(
          outsider.client.workflows.analytics.summary.query({
            templateKey: key,
            projectId: project.id,
          }),
        )
      ).data?.code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await failure(
          owner.client.workflows.analytics.summary.query({ templateKey: "no_such_key" }),
        )
      ).data?.code,
    ).toBe("NOT_FOUND");
  });

  it("gives the open load by state and assignee, to members and viewers only, in a constant number of statements", async () => {
    const { project, owner, editor, viewer, outsider } = await projectWithTeam(api);
    const { key } = await publishedTemplate(api);
    const create = async (title: string) =>
      (
        await owner.client.workflows.instances.create.mutate({
          projectId: project.id,
          templateKey: key,
          title,
          data: { amount: 100, category: "it" },
        })
      ).id;
    const assign = (instanceId: string, assigneeId: string | null) =>
      owner.client.workflows.instances.assign.mutate({ instanceId, assigneeId });
    const statementsNow = () =>
      countStatements(api, () =>
        viewer.client.workflows.analytics.summary.query({
          templateKey: key,
          projectId: project.id,
        }),
      );
    await statementsNow(); // the first call also loads the session
    const before = await statementsNow();

    const a = await create("a");
    const b = await create("b");
    const c = await create("c");
    await create("d"); // left unassigned
    await assign(a, editor.id);
    await assign(b, editor.id);
    await assign(c, owner.id);
    const submitted = await owner.client.workflows.instances.transition.mutate({
      instanceId: b,
      transitionKey: "submit",
      expectedVersion: 2,
    });
    // A finished instance is no one's load any more.
    const rejected = await owner.client.workflows.instances.transition.mutate({
      instanceId: c,
      transitionKey: "submit",
      expectedVersion: 2,
    });
    await owner.client.workflows.instances.transition.mutate({
      instanceId: c,
      transitionKey: "reject",
      expectedVersion: rejected.version,
      comment: "no",
    });
    expect(submitted.toState).toBe("submitted");

    const summary = await viewer.client.workflows.analytics.summary.query({
      templateKey: key,
      projectId: project.id,
    });
    expect(summary.openLoad).toEqual([
      { state: "draft", assigneeId: editor.id, count: 1 },
      { state: "draft", assigneeId: null, count: 1 },
      { state: "submitted", assigneeId: editor.id, count: 1 },
    ]);
    expect(summary.instancesByState).toEqual([
      { state: "draft", count: 2 },
      { state: "rejected", count: 1 },
      { state: "submitted", count: 1 },
    ]);
    // Set-based figures: four more instances cost no more statements.
    expect(await statementsNow()).toBe(before);

    const hidden = await outsider.client.workflows.analytics.summary.query({ templateKey: key });
    expect(hidden.openLoad).toEqual([]);
    expect(
      (
        await failure(
          outsider.client.workflows.analytics.summary.query({
            templateKey: key,
            projectId: project.id,
          }),
        )
      ).data?.code,
    ).toBe("NOT_FOUND");
  });
});
