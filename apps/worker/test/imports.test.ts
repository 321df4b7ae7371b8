import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createLocalStorage, type ObjectStorage } from "@fastnext/storage";
import { failure, signInAdmin, signUp, startApi, type TestApi } from "@fastnext/test-support";
import { type ImportMappingInput } from "@fastnext/validators";

import { startSmtp, startWorker, type InProcessWorker, type TestSmtp } from "./support";

type User = Awaited<ReturnType<typeof signUp>>;
type Client = User["client"];

const LIMITS = { maxFileBytes: 256 * 1024, maxRowBytes: 2_000, maxRows: 1_000 };
const UPLOAD_PATH = "/api/transfers/imports/projects";

let api: TestApi;
let smtp: TestSmtp;
let worker: InProcessWorker;
let root: string;
let storage: ObjectStorage;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "imports-"));
  storage = createLocalStorage({ root });
  api = await startApi({ storage, importLimits: LIMITS });
  smtp = await startSmtp();
  worker = await startWorker(api.db.systemUrl, smtp.port, {
    storage,
    transfers: { appUrl: api.db.appUrl, storage, settings: { importLimits: LIMITS } },
  });
});
afterAll(async () => {
  await worker.stop();
  await smtp.close();
  await api.close();
  await rm(root, { recursive: true, force: true });
});

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await api.sql.query<{ n: number }>(sql, params);
  return rows[0]?.n ?? -1;
}

/** Items, import keys and activity entries of a project: what an import may change. */
async function footprint(projectId: string) {
  return {
    items: await count("SELECT count(*)::int AS n FROM workflow_instances WHERE project_id = $1", [
      projectId,
    ]),
    keys: await count("SELECT count(*)::int AS n FROM workflow_import_keys WHERE project_id = $1", [
      projectId,
    ]),
    mappings: await count("SELECT count(*)::int AS n FROM import_mappings WHERE project_id = $1", [
      projectId,
    ]),
    activity: await count(
      "SELECT count(*)::int AS n FROM activities WHERE entity_type = 'workflow_instance' AND entity_id IN (SELECT id::text FROM workflow_instances WHERE project_id = $1)",
      [projectId],
    ),
  };
}

let suffixes = 0;
async function template() {
  const admin = await signInAdmin(api);
  suffixes += 1;
  const suffix = `${suffixes}_${Date.now().toString(36)}`;
  const type = await admin.client.workflows.types.create.mutate({
    key: `imp_${suffix}`,
    name: "Expenses",
  });
  const draft = await admin.client.workflows.templates.create.mutate({
    typeId: type.id,
    key: `expense_${suffix}`,
    name: "Expense",
    definition: {
      dataFields: [
        { key: "amount", label: "Amount", type: "number", required: true },
        { key: "kind", label: "Kind", type: "enum", required: false, options: ["travel", "food"] },
        { key: "due", label: "Due", type: "date", required: false },
      ],
      states: [
        { key: "open", name: "Open", kind: "initial" },
        { key: "paid", name: "Paid", kind: "final" },
      ],
      transitions: [
        {
          key: "pay",
          name: "Pay",
          from: ["open"],
          to: "paid",
          allowed: { projectRoles: ["owner", "editor"] },
          requiresComment: false,
        },
      ],
    },
  });
  return admin.client.workflows.templates.publish.mutate({ id: draft.id });
}

/** A project with an owner, an editor, a viewer, and an outsider in none of it. */
async function team() {
  const [owner, editor, viewer, outsider] = await Promise.all(
    ["Owner", "Editor", "Viewer", "Outsider"].map((name) => signUp(api, name)),
  );
  if (!owner || !editor || !viewer || !outsider) throw new Error("sign-up failed");
  const project = await owner.client.projects.create.mutate({ name: `Imports ${Date.now()}` });
  await owner.client.projects.members.add.mutate({
    projectId: project.id,
    userId: editor.id,
    role: "editor",
  });
  await owner.client.projects.members.add.mutate({
    projectId: project.id,
    userId: viewer.id,
    role: "viewer",
  });
  const { key } = await template();
  return { owner, editor, viewer, outsider, project, templateKey: key };
}

interface Problem {
  status: number;
  code: string;
  reason: string | null;
  fieldErrors: Record<string, string[]> | null;
}

interface Uploaded {
  uploadId: string;
  fileName: string;
  format: string;
  byteSize: number;
  columns: string[];
}

function upload(projectId: string, token: string | null, fileName: string, body: Buffer) {
  return fetch(`${api.origin}${UPLOAD_PATH}/${projectId}`, {
    method: "POST",
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      "x-file-name": encodeURIComponent(fileName),
      "content-type": "application/octet-stream",
    },
    body: new Uint8Array(body),
  });
}

async function uploaded(user: User, projectId: string, fileName: string, body: Buffer) {
  const answer = await upload(projectId, user.accessToken, fileName, body);
  expect(answer.status, await answer.clone().text()).toBe(201);
  return (await answer.json()) as Uploaded;
}

async function refusedUpload(user: User | null, projectId: string, fileName: string, body: Buffer) {
  const answer = await upload(projectId, user?.accessToken ?? null, fileName, body);
  expect(answer.status).toBeGreaterThanOrEqual(400);
  return { status: answer.status, ...((await answer.json()) as Omit<Problem, "status">) };
}

async function finished(client: Client, id: string) {
  await expect
    .poll(async () => (await client.transfers.get.query({ id })).status, {
      timeout: 30_000,
      interval: 100,
    })
    .toMatch(/succeeded|failed|cancelled/);
  return client.transfers.get.query({ id });
}

const MAPPING: ImportMappingInput = {
  title: "Title",
  fields: { amount: "Amount", kind: "Kind", due: "Due" },
  state: "Status",
  assignee: "Assignee",
  externalKey: "Ref",
};

const HEADER = ["Ref", "Title", "Amount", "Kind", "Due", "Status", "Assignee"];

function rowsFor(editorEmail: string): (string | number)[][] {
  return [
    ["INV-1", "Train to Lyon", 120.5, "travel", "2026-05-01", "Open", editorEmail],
    ["INV-2", "Team lunch", 64, "Food", "", "Paid", ""],
    ["INV-3", "Bad amount", "12,5", "travel", "", "Open", ""],
    ["INV-4", "Nobody", 5, "", "", "Lost", "stranger@example.com"],
  ];
}

function csvOf(rows: (string | number)[][]): Buffer {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return Buffer.from(
    `\uFEFF${[HEADER, ...rows].map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`,
  );
}

function objectsOf(rows: (string | number)[][]) {
  return rows.map((row) =>
    Object.fromEntries(HEADER.map((name, i) => [name, row[i] === "" ? null : row[i]])),
  );
}

async function xlsxOf(rows: (string | number | ExcelJS.CellValue)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Expenses");
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row.map((value) => (value === "" ? null : value)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function fileOf(format: "csv" | "xlsx" | "json" | "ndjson", rows: (string | number)[][]) {
  switch (format) {
    case "csv":
      return { name: "expenses.csv", body: csvOf(rows) };
    case "xlsx":
      return { name: "expenses.xlsx", body: await xlsxOf(rows) };
    case "json":
      return { name: "expenses.json", body: Buffer.from(JSON.stringify(objectsOf(rows))) };
    case "ndjson":
      return {
        name: "expenses.ndjson",
        body: Buffer.from(
          objectsOf(rows)
            .map((o) => JSON.stringify(o))
            .join("\n"),
        ),
      };
  }
}

describe("importing items", () => {
  it.each(["csv", "xlsx", "json", "ndjson"] as const)(
    "%s: upload, dry run changing nothing, apply through the create service, re-apply changing nothing",
    async (format) => {
      const { editor, project, templateKey } = await team();
      const file = await fileOf(format, rowsFor(editor.email));
      const first = await uploaded(editor, project.id, file.name, file.body);
      expect(first).toMatchObject({ format, columns: HEADER, byteSize: file.body.length });
      const run = {
        projectId: project.id,
        uploadId: first.uploadId,
        fileName: file.name,
        templateKey,
        mapping: MAPPING,
      };

      const before = await footprint(project.id);
      const report = await editor.client.transfers.imports.dryRun.mutate(run);
      expect(report).toMatchObject({
        rows: 4,
        created: 2,
        unchanged: 0,
        invalid: 2,
        problemsTruncated: false,
      });
      expect(report.problems).toEqual([
        {
          row: format === "json" || format === "ndjson" ? 3 : 4,
          errors: { "data.amount": ['"12,5" is not a number'] },
        },
        {
          row: format === "json" || format === "ndjson" ? 4 : 5,
          errors: {
            state: [expect.stringContaining('"Lost" is not a state')],
            assignee: ["stranger@example.com is not a member of this project"],
          },
        },
      ]);
      expect(await footprint(project.id)).toEqual(before);

      const queued = await editor.client.transfers.imports.create.mutate(run);
      expect(queued).toMatchObject({
        kind: "import",
        resource: "workflow_instances",
        format,
        status: "queued",
      });
      const done = await finished(editor.client, queued.id);
      expect(done).toMatchObject({ status: "succeeded", processedRows: 4, error: null });
      expect(done.result).toMatchObject({ rows: 4, created: 2, unchanged: 0, invalid: 2 });

      const items = await editor.client.workflows.instances.list.query({
        projectId: project.id,
        limit: 10,
      });
      const byTitle = new Map(items.items.map((item) => [item.title, item]));
      expect(byTitle.get("Train to Lyon")).toMatchObject({
        state: "open",
        assigneeId: editor.id,
        data: { amount: 120.5, kind: "travel", due: "2026-05-01" },
        createdById: editor.id,
      });
      expect(byTitle.get("Team lunch")).toMatchObject({
        state: "paid",
        assigneeId: null,
        data: { amount: 64, kind: "food" },
      });
      expect(byTitle.size).toBe(2);
      const after = await footprint(project.id);
      expect(after).toMatchObject({ items: 2, keys: 2, mappings: 1 });
      // Each item's trail: created (as by hand), the assignee, the state it came in.
      expect(after.activity).toBe(4);

      // The same file again: every row finds its item.
      const again = await uploaded(editor, project.id, file.name, file.body);
      const rerun = { ...run, uploadId: again.uploadId };
      expect(await editor.client.transfers.imports.dryRun.mutate(rerun)).toMatchObject({
        created: 0,
        unchanged: 2,
        invalid: 2,
      });
      const second = await finished(
        editor.client,
        (await editor.client.transfers.imports.create.mutate(rerun)).id,
      );
      expect(second.result).toMatchObject({ rows: 4, created: 0, unchanged: 2, invalid: 2 });
      expect(await footprint(project.id)).toEqual(after);

      // The mapping is remembered for the template.
      const remembered = await editor.client.transfers.imports.mapping.query({
        projectId: project.id,
        templateKey,
      });
      expect(remembered.mapping).toEqual(MAPPING);
    },
  );

  it("keys rows without a key column by their content, and one upload is applied once", async () => {
    const { editor, project, templateKey } = await team();
    const body = Buffer.from("Title,Amount\nChairs,10\nDesks,20\nChairs,10\n");
    const file = await uploaded(editor, project.id, "a.csv", body);
    const run = {
      projectId: project.id,
      uploadId: file.uploadId,
      fileName: "a.csv",
      templateKey,
      mapping: { title: "Title", fields: { amount: "Amount" } },
    };
    const report = await editor.client.transfers.imports.dryRun.mutate(run);
    expect(report).toMatchObject({
      created: 2,
      invalid: 1,
      problems: [{ row: 4, errors: { row: ["The same as row 2: it would make the same item"] } }],
    });
    const done = await finished(
      editor.client,
      (await editor.client.transfers.imports.create.mutate(run)).id,
    );
    expect(done.result).toMatchObject({ created: 2 });
    const twice = await failure(editor.client.transfers.imports.create.mutate(run));
    expect(twice.data).toMatchObject({ code: "CONFLICT", reason: "import_upload_used" });
    const again = await uploaded(editor, project.id, "a.csv", body);
    const rerun = await finished(
      editor.client,
      (await editor.client.transfers.imports.create.mutate({ ...run, uploadId: again.uploadId }))
        .id,
    );
    expect(rerun.result).toMatchObject({ created: 0, unchanged: 2 });
  });
});

describe("bad files are typed refusals that keep nothing", () => {
  it("refuses wrong encodings, binary files with a CSV name, oversized files and broken headers at upload", async () => {
    const { editor, project } = await team();
    const before = await storedFiles();
    const latin1 = await refusedUpload(
      editor,
      project.id,
      "a.csv",
      Buffer.from("Title\nCaf\xe9\n", "latin1"),
    );
    expect(latin1).toMatchObject({ status: 400, reason: "import_not_utf8" });
    const pdf = await refusedUpload(
      editor,
      project.id,
      "a.csv",
      Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"),
    );
    expect(pdf).toMatchObject({ status: 400, reason: "import_unsupported_file" });
    const big = await refusedUpload(
      editor,
      project.id,
      "a.csv",
      Buffer.from(`Title\n${"x,".repeat(LIMITS.maxFileBytes)}\n`),
    );
    expect(big).toMatchObject({ status: 413, reason: "import_file_too_large" });
    const header = await refusedUpload(
      editor,
      project.id,
      "a.csv",
      Buffer.from("Title,title\nx,y\n"),
    );
    expect(header).toMatchObject({ status: 400, reason: "import_header_invalid" });
    const lateBytes = Buffer.concat([
      Buffer.from(`Title\n${"ok\n".repeat(30_000)}`),
      Buffer.from("\xff\n", "latin1"),
    ]);
    expect(await refusedUpload(editor, project.id, "a.csv", lateBytes)).toMatchObject({
      status: 400,
      reason: "import_not_utf8",
    });
    expect(await storedFiles()).toEqual(before);
  });

  it("refuses a header without the mapped columns, an oversized row, and formula cells per row", async () => {
    const { editor, project, templateKey } = await team();
    const missing = await uploaded(editor, project.id, "a.csv", Buffer.from("Name\nx\n"));
    const refused = await failure(
      editor.client.transfers.imports.dryRun.mutate({
        projectId: project.id,
        uploadId: missing.uploadId,
        fileName: "a.csv",
        templateKey,
        mapping: MAPPING,
      }),
    );
    expect(refused.data).toMatchObject({ code: "BAD_REQUEST", reason: "import_missing_columns" });
    expect(Object.keys(refused.data?.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(["mapping.title", "mapping.fields.amount", "mapping.externalKey"]),
    );

    // A row past the limit: refused as soon as the reader meets it, here already at the upload.
    const long = await refusedUpload(
      editor,
      project.id,
      "a.csv",
      Buffer.from(`Title,Amount\nok,1\n${"x".repeat(LIMITS.maxRowBytes + 1)},2\n`),
    );
    expect(long).toMatchObject({ status: 400, reason: "import_row_too_large" });

    const sheet = await xlsxOf([["F-1", "Sum", { formula: "1+1", result: 2 }, "", "", "", ""]]);
    const formula = await uploaded(editor, project.id, "f.xlsx", sheet);
    const report = await editor.client.transfers.imports.dryRun.mutate({
      projectId: project.id,
      uploadId: formula.uploadId,
      fileName: "f.xlsx",
      templateKey,
      mapping: MAPPING,
    });
    expect(report).toMatchObject({ created: 0, invalid: 1 });
    expect(report.problems[0]?.errors["data.amount"]?.[0]).toMatch(/^A formula cell/);
  });
});

describe("who may import", () => {
  it("an outsider gets NOT_FOUND and a viewer FORBIDDEN at every step, and nothing changes", async () => {
    const { editor, viewer, outsider, project, templateKey } = await team();
    const body = csvOf(rowsFor(editor.email));
    const file = await uploaded(editor, project.id, "a.csv", body);
    const run = {
      projectId: project.id,
      uploadId: file.uploadId,
      fileName: "a.csv",
      templateKey,
      mapping: MAPPING,
    };
    const before = await footprint(project.id);
    const files = await storedFiles();

    expect(await refusedUpload(outsider, project.id, "a.csv", body)).toMatchObject({ status: 404 });
    expect(await refusedUpload(viewer, project.id, "a.csv", body)).toMatchObject({ status: 403 });
    expect(await refusedUpload(null, project.id, "a.csv", body)).toMatchObject({ status: 401 });
    for (const [user, code] of [
      [outsider, "NOT_FOUND"],
      [viewer, "FORBIDDEN"],
    ] as const) {
      expect((await failure(user.client.transfers.imports.dryRun.mutate(run))).data?.code).toBe(
        code,
      );
      expect((await failure(user.client.transfers.imports.create.mutate(run))).data?.code).toBe(
        code,
      );
    }
    expect(
      (
        await failure(
          outsider.client.transfers.imports.mapping.query({ projectId: project.id, templateKey }),
        )
      ).data?.code,
    ).toBe("NOT_FOUND");
    expect(await footprint(project.id)).toEqual(before);
    expect(await storedFiles()).toEqual(files);
  });

  it("another editor cannot use someone else's upload", async () => {
    const { owner, editor, project, templateKey } = await team();
    const file = await uploaded(editor, project.id, "a.csv", csvOf(rowsFor(editor.email)));
    const run = {
      projectId: project.id,
      uploadId: file.uploadId,
      fileName: "a.csv",
      templateKey,
      mapping: MAPPING,
    };
    const refused = await failure(owner.client.transfers.imports.dryRun.mutate(run));
    expect(refused.data).toMatchObject({ code: "NOT_FOUND", reason: "import_upload_not_found" });
  });
});
