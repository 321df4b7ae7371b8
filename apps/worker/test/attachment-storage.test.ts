import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPrismaClient, type PrismaClient } from "@fastnext/db";
import { createLocalStorage, type ObjectStorage } from "@fastnext/storage";
import { signInAdmin, signUp, startApi, type TestApi } from "@fastnext/test-support";

import { HandlerRegistry } from "../src/handlers";
import { runHandler } from "../src/runner";
import { handlerContext } from "./support";

let api: TestApi;
let root: string;
let storage: ObjectStorage;
let system: PrismaClient;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "attachment-cleanup-"));
  storage = createLocalStorage({ root });
  api = await startApi({ storage });
  system = createPrismaClient({ connectionString: api.db.systemUrl, max: 2 });
});
afterAll(async () => {
  await system.$disconnect();
  await api.close();
  await rm(root, { recursive: true, force: true });
});

async function filesUnder(prefix: string): Promise<string[]> {
  const dir = path.join(root, prefix);
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
}

async function eventId(name: string, key: string, value: string): Promise<string> {
  const { rows } = await api.sql.query<{ id: string }>(
    `SELECT id FROM domain_events WHERE name = $1 AND payload->>'${key}' = $2`,
    [name, value],
  );
  if (rows.length !== 1) throw new Error(`expected one ${name} event, found ${rows.length}`);
  return rows[0]?.id ?? "";
}

/** A project with one instance and an owner who may put files on it. */
async function projectWithItem() {
  const admin = await signInAdmin(api);
  const owner = await signUp(api, "Owner");
  const suffix = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  const type = await admin.client.workflows.types.create.mutate({
    key: `files_${suffix}`,
    name: "Files",
  });
  const draft = await admin.client.workflows.templates.create.mutate({
    typeId: type.id,
    key: `note_${suffix}`,
    name: "Note",
    definition: {
      dataFields: [],
      states: [
        { key: "open", name: "Open", kind: "initial" },
        { key: "closed", name: "Closed", kind: "final" },
      ],
      transitions: [
        {
          key: "close",
          name: "Close",
          from: ["open"],
          to: "closed",
          allowed: { projectRoles: ["owner"] },
          requiresComment: false,
        },
      ],
    },
  });
  const template = await admin.client.workflows.templates.publish.mutate({ id: draft.id });
  const project = await owner.client.projects.create.mutate({ name: `Files ${suffix}` });
  const instance = await owner.client.workflows.instances.create.mutate({
    projectId: project.id,
    templateKey: template.key,
    title: "Paperwork",
    data: {},
  });
  const attach = async (name: string) => {
    const answer = await fetch(`${api.origin}/api/attachments/instances/${instance.id}`, {
      method: "POST",
      headers: { authorization: `Bearer ${owner.accessToken}`, "x-file-name": name },
      body: `contents of ${name}\n`,
    });
    if (answer.status !== 201) throw new Error(`upload answered ${answer.status}`);
    return ((await answer.json()) as { id: string }).id;
  };
  return { owner, project, instance, attach };
}

describe("stored files of deleted attachments and projects", () => {
  const registry = new HandlerRegistry();

  it("removes a deleted attachment's file, once, and leaves the others", async () => {
    const { owner, project, attach } = await projectWithItem();
    const kept = await attach("kept.txt");
    const removed = await attach("removed.txt");
    expect((await filesUnder(`projects/${project.id}`)).sort()).toEqual([kept, removed].sort());

    await owner.client.workflows.attachments.delete.mutate({ attachmentId: removed });
    // The row is gone at once; the bytes stay until the worker has run.
    expect(await filesUnder(`projects/${project.id}`)).toHaveLength(2);

    const handler = registry.get("storage.attachment_removed");
    if (!handler) throw new Error("handler missing");
    const event = await eventId("workflow.attachment_deleted", "attachmentId", removed);
    const ctx = handlerContext(system, storage);
    expect(await runHandler(handler, event, ctx)).toBe("done");
    expect(await filesUnder(`projects/${project.id}`)).toEqual([kept]);
    expect(await runHandler(handler, event, ctx)).toBe("already_done");
  });

  it("removes every file of a deleted project, and no other project's", async () => {
    const gone = await projectWithItem();
    const other = await projectWithItem();
    await gone.attach("a.txt");
    await gone.attach("b.txt");
    const otherFile = await other.attach("c.txt");

    await gone.owner.client.projects.delete.mutate({ id: gone.project.id, force: true });
    expect(
      await api.sql.query("SELECT 1 FROM workflow_attachments WHERE project_id = $1", [
        gone.project.id,
      ]),
    ).toMatchObject({ rowCount: 0 });
    expect(await filesUnder(`projects/${gone.project.id}`)).toHaveLength(2);

    const handler = registry.get("storage.project_removed");
    if (!handler) throw new Error("handler missing");
    const event = await eventId("project.deleted", "projectId", gone.project.id);
    const ctx = handlerContext(system, storage);
    expect(await runHandler(handler, event, ctx)).toBe("done");
    expect(await filesUnder(`projects/${gone.project.id}`)).toEqual([]);
    expect(await filesUnder(`projects/${other.project.id}`)).toEqual([otherFile]);
    expect(await runHandler(handler, event, ctx)).toBe("already_done");
  });

  it("fails, to be retried, in a worker started without storage", async () => {
    const { owner, attach } = await projectWithItem();
    const id = await attach("x.txt");
    await owner.client.workflows.attachments.delete.mutate({ attachmentId: id });
    const handler = registry.get("storage.attachment_removed");
    if (!handler) throw new Error("handler missing");
    const event = await eventId("workflow.attachment_deleted", "attachmentId", id);
    await expect(runHandler(handler, event, handlerContext(system))).rejects.toThrow(
      /without attachment storage/,
    );
  });
});
