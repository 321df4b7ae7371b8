import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { NOTIFICATION_CHANNEL } from "@fastnext/events";
import { createLocalStorage, type ObjectStorage } from "@fastnext/storage";
import { failure, signInAdmin, signUp, startApi, type TestApi } from "@fastnext/test-support";

import { startSmtp, startWorker, type InProcessWorker, type TestSmtp } from "./support";
import { recordsOf } from "./transfer-files";

type Client = Awaited<ReturnType<typeof signUp>>["client"];
type Format = "csv" | "ndjson" | "json" | "xlsx";
const FORMATS: readonly Format[] = ["csv", "ndjson", "json", "xlsx"];

let api: TestApi;
let smtp: TestSmtp;
let worker: InProcessWorker;
let root: string;
let storage: ObjectStorage;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "exports-"));
  storage = createLocalStorage({ root });
  api = await startApi({ storage });
  smtp = await startSmtp();
  worker = await startWorker(api.db.systemUrl, smtp.port, {
    storage,
    transfers: { appUrl: api.db.appUrl, storage },
  });
});
afterAll(async () => {
  await worker.stop();
  await smtp.close();
  await api.close();
  await rm(root, { recursive: true, force: true });
});

async function finished(client: Client, id: string) {
  let view = await client.transfers.get.query({ id });
  await expect
    .poll(
      async () => {
        view = await client.transfers.get.query({ id });
        return view.status;
      },
      { timeout: 20_000, interval: 100 },
    )
    .toMatch(/succeeded|failed|cancelled/);
  return view;
}

async function download(token: string, url: string) {
  return fetch(`${api.origin}${url}`, { headers: { authorization: `Bearer ${token}` } });
}

/** Exports `resource` as `user`, waits for it, downloads it and reads its rows back. */
async function exported(
  user: { client: Client; accessToken: string },
  resource: "projects" | "workflow_instances" | "activities" | "users",
  format: Format,
  projectId?: string,
) {
  const queued = await user.client.transfers.exports.create.mutate({ resource, format, projectId });
  expect(queued).toMatchObject({ kind: "export", status: "queued", resource, format });
  const done = await finished(user.client, queued.id);
  expect(done).toMatchObject({ status: "succeeded", downloadable: true, error: null });
  const link = await user.client.transfers.downloadLink.query({ id: queued.id });
  const answer = await download(user.accessToken, link.url);
  expect(answer.status).toBe(200);
  expect(answer.headers.get("content-disposition")).toContain(`.${format}`);
  const bytes = Buffer.from(await answer.arrayBuffer());
  expect(bytes.length).toBe(done.byteSize);
  return { view: done, link, records: await recordsOf(format, bytes) };
}

async function workflowTemplate(admin: Awaited<ReturnType<typeof signInAdmin>>) {
  const suffix = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  const type = await admin.client.workflows.types.create.mutate({
    key: `exp_${suffix}`,
    name: "Orders",
  });
  const draft = await admin.client.workflows.templates.create.mutate({
    typeId: type.id,
    key: `order_${suffix}`,
    name: "Order",
    definition: {
      dataFields: [
        { key: "amount", label: "Amount", type: "number", required: false },
        { key: "customer", label: "Customer", type: "string", required: false },
      ],
      states: [
        { key: "open", name: "Open", kind: "initial" },
        { key: "done", name: "Done", kind: "final" },
      ],
      transitions: [
        {
          key: "finish",
          name: "Finish",
          from: ["open"],
          to: "done",
          allowed: { projectRoles: ["owner", "editor"] },
          requiresComment: false,
        },
      ],
    },
  });
  return admin.client.workflows.templates.publish.mutate({ id: draft.id });
}

describe("exports of projects", () => {
  it.each(FORMATS)(
    "%s: the caller's visible projects, formulas neutralised in spreadsheets only",
    async (format) => {
      const ann = await signUp(api, "Ann");
      const bob = await signUp(api, "Bob");
      const plain = await ann.client.projects.create.mutate({ name: `Plain ${format}` });
      const risky = await ann.client.projects.create.mutate({
        name: `=HYPERLINK("http://evil.example","${format}")`,
        description: "@SUM(A1:A2)",
      });
      const hidden = await bob.client.projects.create.mutate({ name: `Bob's ${format}` });

      const { records } = await exported(ann, "projects", format);
      const ids = records.map((r) => r.id);
      expect(ids).toContain(plain.id);
      expect(ids).toContain(risky.id);
      expect(ids).not.toContain(hidden.id);
      const row = records.find((r) => r.id === risky.id);
      if (format === "csv" || format === "xlsx") {
        expect(row).toMatchObject({
          name: `'=HYPERLINK("http://evil.example","${format}")`,
          description: "'@SUM(A1:A2)",
          my_role: "owner",
        });
      } else {
        expect(row).toMatchObject({
          name: `=HYPERLINK("http://evil.example","${format}")`,
          description: "@SUM(A1:A2)",
          myRole: "owner",
        });
      }
    },
  );
});

describe("exports of a project's items", () => {
  it.each(FORMATS)("%s: data fields, state, assignee and history", async (format) => {
    const admin = await signInAdmin(api);
    const template = await workflowTemplate(admin);
    const owner = await signUp(api, "Owner");
    const editor = await signUp(api, "Editor");
    const project = await owner.client.projects.create.mutate({ name: `Items ${format}` });
    await owner.client.projects.members.add.mutate({
      projectId: project.id,
      userId: editor.id,
      role: "editor",
    });
    const first = await owner.client.workflows.instances.create.mutate({
      projectId: project.id,
      templateKey: template.key,
      title: "First order",
      data: { amount: 12.5, customer: "-1+1" },
    });
    const second = await owner.client.workflows.instances.create.mutate({
      projectId: project.id,
      templateKey: template.key,
      title: "Second order",
      data: { amount: 3 },
    });
    await owner.client.workflows.instances.assign.mutate({
      instanceId: first.id,
      assigneeId: editor.id,
    });
    const moved = await owner.client.workflows.instances.get.query({ instanceId: first.id });
    await editor.client.workflows.instances.transition.mutate({
      instanceId: first.id,
      transitionKey: "finish",
      expectedVersion: moved.version,
      comment: "all paid",
    });

    const { records, view } = await exported(editor, "workflow_instances", format, project.id);
    expect(view).toMatchObject({ projectId: project.id, processedRows: 2, totalRows: 2 });
    expect(records.map((r) => r.id)).toEqual([first.id, second.id]);
    const [a, b] = records;
    if (format === "csv" || format === "xlsx") {
      expect(a).toMatchObject({
        title: "First order",
        state: "done",
        assignee_email: editor.email,
        "data.customer": "'-1+1",
      });
      expect(String(a?.["data.amount"])).toBe("12.5");
      expect(String(a?.history)).toMatch(
        /created in open[\s\S]*open→done \(finish\) by .*: all paid/,
      );
      expect(b).toMatchObject({ state: "open", assignee_email: "", "data.customer": "" });
    } else {
      expect(a).toMatchObject({
        title: "First order",
        state: "done",
        assignee: { id: editor.id, email: editor.email },
        data: { amount: 12.5, customer: "-1+1" },
      });
      const history = a?.history as { from: string | null; to: string; comment: string | null }[];
      expect(history.map((h) => [h.from, h.to])).toEqual([
        [null, "open"],
        ["open", "done"],
      ]);
      expect(history[1]?.comment).toBe("all paid");
      expect(b).toMatchObject({ state: "open", assignee: null, data: { amount: 3 } });
    }
  });

  it("is refused to an outsider as NOT_FOUND, and a project id is required", async () => {
    const owner = await signUp(api, "Owner");
    const outsider = await signUp(api, "Outsider");
    const project = await owner.client.projects.create.mutate({ name: "Closed shop" });
    const before = await api.sql.query("SELECT 1 FROM data_transfers");
    const refused = await failure(
      outsider.client.transfers.exports.create.mutate({
        resource: "workflow_instances",
        format: "csv",
        projectId: project.id,
      }),
    );
    expect(refused.data?.code).toBe("NOT_FOUND");
    const missing = await failure(
      outsider.client.transfers.exports.create.mutate({
        resource: "workflow_instances",
        format: "csv",
      }),
    );
    expect(missing.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { projectId: [expect.any(String)] },
    });
    const after = await api.sql.query("SELECT 1 FROM data_transfers");
    expect(after.rowCount).toBe(before.rowCount);
  });
});

describe("exports of activity and users", () => {
  it.each(FORMATS)(
    "%s: a user's own activity; an administrator's includes everyone's",
    async (format) => {
      const ann = await signUp(api, "Ann");
      const bob = await signUp(api, "Bob");
      await bob.client.projects.create.mutate({ name: "Bob's activity" });
      const { records } = await exported(ann, "activities", format);
      const actors = new Set(
        records.map((r) =>
          format === "csv" || format === "xlsx"
            ? r.actor_email
            : (r.actor as { email: string } | null)?.email,
        ),
      );
      expect(actors).toEqual(new Set([ann.email]));
      const admin = await signInAdmin(api);
      const all = await exported(admin, "activities", format);
      const descriptions = all.records.map((r) => r.description);
      expect(descriptions).toContain("Created project Bob's activity");
    },
  );

  it.each(FORMATS)("%s: users for administrators, never a secret column", async (format) => {
    const ann = await signUp(api, "Ann");
    const admin = await signInAdmin(api);
    const { records } = await exported(admin, "users", format);
    const row = records.find((r) => r.id === ann.id);
    expect(row).toMatchObject({ email: ann.email, name: "Ann" });
    expect(Object.keys(row ?? {}).join(" ")).not.toMatch(/password|secret|pending/i);
  });

  it("refuses users to a non-administrator with FORBIDDEN and writes nothing", async () => {
    const ann = await signUp(api, "Ann");
    const refused = await failure(
      ann.client.transfers.exports.create.mutate({ resource: "users", format: "csv" }),
    );
    expect(refused.data).toMatchObject({ code: "FORBIDDEN", reason: "missing_permission" });
    const rows = await api.sql.query("SELECT 1 FROM data_transfers WHERE requested_by = $1", [
      ann.id,
    ]);
    expect(rows.rowCount).toBe(0);
  });
});

describe("who may see and download an export", () => {
  it("shows a transfer and its file to its requester only: others get NOT_FOUND", async () => {
    const ann = await signUp(api, "Ann");
    const bob = await signUp(api, "Bob");
    const { view, link } = await exported(ann, "projects", "csv");
    expect((await failure(bob.client.transfers.get.query({ id: view.id }))).data?.code).toBe(
      "NOT_FOUND",
    );
    expect(
      (await failure(bob.client.transfers.downloadLink.query({ id: view.id }))).data?.code,
    ).toBe("NOT_FOUND");
    expect((await failure(bob.client.transfers.cancel.mutate({ id: view.id }))).data?.code).toBe(
      "NOT_FOUND",
    );
    expect((await bob.client.transfers.list.query({})).items.map((t) => t.id)).not.toContain(
      view.id,
    );
    expect((await ann.client.transfers.list.query({})).items.map((t) => t.id)).toContain(view.id);

    // Ann's own link, in Bob's hands, opens nothing.
    const asBob = await download(bob.accessToken, link.url);
    expect(asBob.status).toBe(404);
    expect(await asBob.json()).toMatchObject({ code: "NOT_FOUND" });
    const anonymous = await fetch(`${api.origin}${link.url}`);
    expect(anonymous.status).toBe(401);
    const forged = await download(
      ann.accessToken,
      link.url.replace(/token=\d+\./, "token=9999999999."),
    );
    expect(forged.status).toBe(404);
    const noToken = await download(ann.accessToken, link.url.replace(/\?token=.*$/, ""));
    expect(noToken.status).toBe(404);
  });

  it("refuses an expired link, and an expired export, with a clear error", async () => {
    const ann = await signUp(api, "Ann");
    const { view } = await exported(ann, "projects", "ndjson");
    const links = api.deps.transfers?.links;
    if (!links) throw new Error("the test API has no transfer settings");
    const stale = await download(
      ann.accessToken,
      links.path(view.id, new Date(Date.now() - 1_000)),
    );
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({ reason: "download_link_expired" });

    const { rows } = await api.sql.query<{ storage_key: string }>(
      "UPDATE data_transfers SET expires_at = now() - interval '1 second' WHERE id = $1 RETURNING storage_key",
      [view.id],
    );
    const key = rows[0]?.storage_key ?? "";
    expect(await storage.exists(key)).toBe(true);
    const expired = await failure(ann.client.transfers.downloadLink.query({ id: view.id }));
    expect(expired.data).toMatchObject({ code: "PRECONDITION_FAILED", reason: "export_expired" });
    expect((await ann.client.transfers.get.query({ id: view.id })).downloadable).toBe(false);

    const { purgeExpiredExports } = await import("@fastnext/core/transfers");
    expect(await purgeExpiredExports(worker.db, storage)).toBeGreaterThanOrEqual(1);
    expect(await storage.exists(key)).toBe(false);
    const kept = await api.sql.query("SELECT storage_key FROM data_transfers WHERE id = $1", [
      view.id,
    ]);
    expect(kept.rows[0]).toEqual({ storage_key: null });
  });
});

describe("progress and cancelling", () => {
  it("reports progress while it runs, through the notification channel", async () => {
    const admin = await signInAdmin(api);
    const template = await workflowTemplate(admin);
    const owner = await signUp(api, "Owner");
    const project = await owner.client.projects.create.mutate({ name: "Many items" });
    // 2,500 items straight into the table: three cursor batches.
    await api.sql.query(
      `INSERT INTO workflow_instances (id, project_id, template_id, title, data, state, created_by_id, updated_at)
       SELECT gen_random_uuid(), $1, t.id, 'Item ' || n, jsonb_build_object('amount', n), 'open', $2, now()
         FROM workflow_templates t, generate_series(1, 2500) n WHERE t.key = $3`,
      [project.id, owner.id, template.key],
    );
    const listener = new pg.Client({ connectionString: api.db.adminUrl });
    await listener.connect();
    const seen: number[] = [];
    listener.on("notification", (message) => {
      if (message.payload === `transfer:${owner.id}`) {
        void api.sql
          .query<{ processed_rows: number }>(
            "SELECT processed_rows FROM data_transfers WHERE requested_by = $1",
            [owner.id],
          )
          .then(({ rows }) => seen.push(rows[0]?.processed_rows ?? -1));
      }
    });
    await listener.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
    try {
      const { view, records } = await exported(owner, "workflow_instances", "csv", project.id);
      expect(records).toHaveLength(2500);
      expect(view).toMatchObject({ processedRows: 2500, totalRows: 2500 });
      await expect.poll(() => seen.at(-1)).toBe(2500);
      // Woken at the start, after each batch and at the end, with growing counts.
      expect(new Set(seen).size).toBeGreaterThanOrEqual(3);
      expect([...seen].sort((x, y) => x - y)).toEqual(seen);
    } finally {
      await listener.end();
    }
  });

  it("cancels a queued export, which then never runs, and refuses to cancel twice", async () => {
    const ann = await signUp(api, "Ann");
    await worker.worker.stop(5_000);
    try {
      const queued = await ann.client.transfers.exports.create.mutate({
        resource: "projects",
        format: "csv",
      });
      const cancelled = await ann.client.transfers.cancel.mutate({ id: queued.id });
      expect(cancelled.status).toBe("cancelled");
      const again = await failure(ann.client.transfers.cancel.mutate({ id: queued.id }));
      expect(again.data).toMatchObject({ code: "CONFLICT", reason: "transfer_finished" });
    } finally {
      await worker.worker.start();
    }
  });
});

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
}

describe("where export files live", () => {
  it("keeps a project's item export under the project, removed with it", async () => {
    const admin = await signInAdmin(api);
    const template = await workflowTemplate(admin);
    const owner = await signUp(api, "Owner");
    const project = await owner.client.projects.create.mutate({ name: "Short-lived" });
    await owner.client.workflows.instances.create.mutate({
      projectId: project.id,
      templateKey: template.key,
      title: "Only item",
      data: {},
    });
    const { view } = await exported(owner, "workflow_instances", "xlsx", project.id);
    expect(await filesUnder(`projects/${project.id}/exports`)).toEqual([`${view.id}.xlsx`]);
    await owner.client.projects.delete.mutate({ id: project.id, force: true });
    await expect.poll(() => filesUnder(`projects/${project.id}`), { timeout: 20_000 }).toEqual([]);
    const rows = await api.sql.query("SELECT 1 FROM data_transfers WHERE id = $1", [view.id]);
    expect(rows.rowCount).toBe(0);
  });
});
