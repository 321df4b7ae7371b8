import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ATTACHMENTS_PATH } from "@fastnext/api/http";
import { createLocalStorage } from "@fastnext/storage";
import { failure, startApi, type TestApi } from "@fastnext/test-support";

import { countRows, projectWithTeam, publishedTemplate } from "./workflow-fixtures";

type Body = NonNullable<RequestInit["body"]>;

const MAX_BYTES = 200 * 1024;

let api: TestApi;
let storageRoot: string;

beforeAll(async () => {
  storageRoot = await mkdtemp(path.join(tmpdir(), "attachments-api-"));
  api = await startApi({
    storage: createLocalStorage({ root: storageRoot }),
    attachmentMaxBytes: MAX_BYTES,
  });
});
afterAll(async () => {
  await api.close();
  await rm(storageRoot, { recursive: true, force: true });
});

/** A valid 1×1 PNG, made here rather than shipped. */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.from([0, 255, 0, 0, 255]))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(storageRoot, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

interface Problem {
  status: number;
  code: string;
  reason: string | null;
  fieldErrors: Record<string, string[]> | null;
}

function upload(
  instanceId: string,
  token: string | null,
  fileName: string,
  body: Body,
  init: RequestInit = {},
) {
  return fetch(`${api.origin}${ATTACHMENTS_PATH}/instances/${instanceId}`, {
    method: "POST",
    ...init,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      "x-file-name": encodeURIComponent(fileName),
      "content-type": "application/octet-stream",
      ...(init.headers as Record<string, string> | undefined),
    },
    body,
  });
}

function download(attachmentId: string, token: string | null) {
  return fetch(`${api.origin}${ATTACHMENTS_PATH}/${attachmentId}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

async function item() {
  const team = await projectWithTeam(api);
  const { key } = await publishedTemplate(api);
  const instance = await team.editor.client.workflows.instances.create.mutate({
    projectId: team.project.id,
    templateKey: key,
    title: "New laptop",
    data: { amount: 500, category: "it" },
  });
  return { ...team, instance };
}

interface Uploaded {
  id: string;
  instanceId: string;
  projectId: string;
  uploaderId: string;
  fileName: string;
  contentType: string;
  size: number;
}

describe("attachments on an instance", () => {
  it("uploads, lists, downloads and deletes a file, with activity and events", async () => {
    const { instance, editor, viewer } = await item();
    const bytes = png();
    const answer = await upload(instance.id, editor.accessToken, "photo.png", bytes);
    expect(answer.status).toBe(201);
    const created = (await answer.json()) as Uploaded;
    expect(created).toMatchObject({
      instanceId: instance.id,
      projectId: instance.projectId,
      uploaderId: editor.id,
      fileName: "photo.png",
      contentType: "image/png",
      size: bytes.length,
    });
    expect(answer.headers.get("location")).toBe(`${ATTACHMENTS_PATH}/${created.id}`);

    // A viewer reads what the item shows.
    const page = await viewer.client.workflows.attachments.list.query({ instanceId: instance.id });
    expect(page.items.map((a) => a.id)).toEqual([created.id]);
    expect(page.items[0]?.size).toBe(bytes.length);

    const file = await download(created.id, viewer.accessToken);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(file.headers.get("content-disposition")).toBe(
      `attachment; filename="photo.png"; filename*=UTF-8''photo.png`,
    );
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);

    const { rows: added } = await api.sql.query<{ action: string }>(
      "SELECT action FROM activities WHERE entity_id = $1 AND action LIKE 'workflow_attachment.%'",
      [instance.id],
    );
    expect(added.map((r) => r.action)).toEqual(["workflow_attachment.upload"]);
    expect(await countRows(api, "domain_events", "payload->>'attachmentId'", created.id)).toBe(1);

    expect(
      await editor.client.workflows.attachments.delete.mutate({ attachmentId: created.id }),
    ).toEqual({ id: created.id });
    expect(await countRows(api, "workflow_attachments", "id", created.id)).toBe(0);
    const { rows: events } = await api.sql.query<{ name: string }>(
      "SELECT name FROM domain_events WHERE payload->>'attachmentId' = $1 ORDER BY created_at",
      [created.id],
    );
    expect(events.map((e) => e.name)).toEqual([
      "workflow.attachment_added",
      "workflow.attachment_deleted",
    ]);
    expect(await countRows(api, "activities", "entity_id", instance.id)).toBe(3);
    const gone = await download(created.id, editor.accessToken);
    expect(gone.status).toBe(404);
  });

  it("decides text by its content, CSV by its name, and answers it as UTF-8", async () => {
    const { instance, editor } = await item();
    const csv = await upload(
      instance.id,
      editor.accessToken,
      "Budget 2027 «draft».csv",
      "a,b\n1,2\n",
    );
    expect(csv.status).toBe(201);
    const created = (await csv.json()) as Uploaded;
    expect(created.contentType).toBe("text/csv");
    const file = await download(created.id, editor.accessToken);
    expect(file.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    // The name cannot break the header: an ASCII fallback and the exact UTF-8 form.
    expect(file.headers.get("content-disposition")).toBe(
      `attachment; filename="Budget 2027 _draft_.csv"; filename*=UTF-8''Budget%202027%20%C2%ABdraft%C2%BB.csv`,
    );
    expect(await file.text()).toBe("a,b\n1,2\n");

    const notes = await upload(instance.id, editor.accessToken, "../../etc/notes", "plain words\n");
    expect(notes.status).toBe(201);
    expect(await notes.json()).toMatchObject({ fileName: "notes", contentType: "text/plain" });
    const pdf = await upload(
      instance.id,
      editor.accessToken,
      "scan.pdf",
      "%PDF-1.7\n%\xe2\xe3\n1 0 obj\n",
    );
    expect(pdf.status).toBe(201);
    expect(await pdf.json()).toMatchObject({ contentType: "application/pdf" });
  });

  it("refuses a file whose bytes are not an allowed type, whatever its name, keeping nothing", async () => {
    const { instance, editor } = await item();
    const before = await storedFiles();
    const bodies: [string, Body][] = [
      ["picture.png", "<!doctype html><script>alert(1)</script>"],
      ["picture.png", "just some text"],
      [
        "picture.png",
        Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(600)]),
      ],
      [
        "tool.txt",
        Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(600)]),
      ],
      ["page.txt", "  <html><body>hi</body></html>"],
      ["binary.txt", Buffer.from([0x61, 0x00, 0x62])],
      ["latin1.txt", Buffer.from("caf\xe9", "latin1")],
      ["empty.txt", ""],
    ];
    for (const [name, body] of bodies) {
      const answer = await upload(instance.id, editor.accessToken, name, body);
      expect(answer.status, name).toBe(400);
      const problem = (await answer.json()) as Problem;
      expect(problem.code, name).toBe("BAD_REQUEST");
      expect(problem.reason, name).toBe("unsupported_file_type");
      expect(problem.fieldErrors?.file?.length, name).toBe(1);
    }
    expect(await countRows(api, "workflow_attachments", "instance_id", instance.id)).toBe(0);
    expect(await storedFiles()).toEqual(before);
  });

  it("refuses an oversize file, declared or streamed, keeping no row and no object", async () => {
    const { instance, editor } = await item();
    const before = await storedFiles();
    const big = Buffer.alloc(MAX_BYTES + 1, "a");

    const declared = await upload(instance.id, editor.accessToken, "big.txt", big);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as Problem).reason).toBe("attachment_too_large");

    // No Content-Length: the limit stops the stream on its way to storage.
    const streamed = await upload(
      instance.id,
      editor.accessToken,
      "big.txt",
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let sent = 0; sent < big.length; sent += 16 * 1024) {
            controller.enqueue(big.subarray(sent, sent + 16 * 1024));
          }
          controller.close();
        },
      }),
      { duplex: "half" },
    );
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as Problem).reason).toBe("attachment_too_large");

    expect(await countRows(api, "workflow_attachments", "instance_id", instance.id)).toBe(0);
    expect(await storedFiles()).toEqual(before);

    // At the limit exactly, it is taken.
    const exact = await upload(
      instance.id,
      editor.accessToken,
      "exact.txt",
      big.subarray(0, MAX_BYTES),
    );
    expect(exact.status).toBe(201);
  });

  it("hides an item's files from an outsider: NOT_FOUND on upload, download, list and delete", async () => {
    const { instance, editor, outsider } = await item();
    const created = (await (
      await upload(instance.id, editor.accessToken, "photo.png", png())
    ).json()) as Uploaded;
    const before = await storedFiles();

    const up = await upload(instance.id, outsider.accessToken, "mine.png", png());
    expect(up.status).toBe(404);
    expect(((await up.json()) as Problem).code).toBe("NOT_FOUND");
    const down = await download(created.id, outsider.accessToken);
    expect(down.status).toBe(404);
    expect(((await down.json()) as Problem).code).toBe("NOT_FOUND");
    const list = await failure(
      outsider.client.workflows.attachments.list.query({ instanceId: instance.id }),
    );
    expect(list.data?.code).toBe("NOT_FOUND");
    const remove = await failure(
      outsider.client.workflows.attachments.delete.mutate({ attachmentId: created.id }),
    );
    expect(remove.data?.code).toBe("NOT_FOUND");

    expect(await countRows(api, "workflow_attachments", "instance_id", instance.id)).toBe(1);
    expect(await storedFiles()).toEqual(before);
  });

  it("lets viewers read but not upload, and only the uploader or an owner delete", async () => {
    const { instance, editor, viewer, owner } = await item();
    const before = await storedFiles();
    const refused = await upload(instance.id, viewer.accessToken, "photo.png", png());
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Problem).code).toBe("FORBIDDEN");
    expect(await storedFiles()).toEqual(before);

    const first = (await (
      await upload(instance.id, editor.accessToken, "a.png", png())
    ).json()) as Uploaded;
    const second = (await (
      await upload(instance.id, editor.accessToken, "b.png", png())
    ).json()) as Uploaded;
    const byViewer = await failure(
      viewer.client.workflows.attachments.delete.mutate({ attachmentId: first.id }),
    );
    expect(byViewer.data?.code).toBe("FORBIDDEN");
    expect(await countRows(api, "workflow_attachments", "id", first.id)).toBe(1);
    await owner.client.workflows.attachments.delete.mutate({ attachmentId: first.id });
    expect(await countRows(api, "workflow_attachments", "id", first.id)).toBe(0);

    const page = await viewer.client.workflows.attachments.list.query({
      instanceId: instance.id,
      limit: 1,
    });
    expect(page.items.map((a) => a.id)).toEqual([second.id]);
  });

  it("checks the role again before recording: an editor demoted mid-upload keeps nothing", async () => {
    const { instance, editor, owner, project } = await item();
    const before = await storedFiles();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const encoder = new TextEncoder();
    const answer = upload(
      instance.id,
      editor.accessToken,
      "minutes.txt",
      new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(encoder.encode("first half\n"));
          await gate;
          controller.enqueue(encoder.encode("second half\n"));
          controller.close();
        },
      }),
      { duplex: "half" },
    );
    // The server has authorised the upload and waits for the rest of the bytes.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await owner.client.projects.members.updateRole.mutate({
      projectId: project.id,
      userId: editor.id,
      role: "viewer",
    });
    release();
    const refused = await answer;
    expect(refused.status).toBe(403);
    expect(await countRows(api, "workflow_attachments", "instance_id", instance.id)).toBe(0);
    expect(await storedFiles()).toEqual(before);
  });

  it("wants a signed-in caller and a file name", async () => {
    const { instance, editor } = await item();
    const anonymous = await upload(instance.id, null, "photo.png", png());
    expect(anonymous.status).toBe(401);
    const unnamed = await fetch(`${api.origin}${ATTACHMENTS_PATH}/instances/${instance.id}`, {
      method: "POST",
      headers: { authorization: `Bearer ${editor.accessToken}` },
      body: png(),
    });
    expect(unnamed.status).toBe(400);
    expect(((await unnamed.json()) as Problem).fieldErrors).toEqual({
      fileName: ["A file needs a name"],
    });
    const nowhere = await download("00000000-0000-4000-8000-000000000000", editor.accessToken);
    expect(nowhere.status).toBe(404);
    expect(await countRows(api, "workflow_attachments", "instance_id", instance.id)).toBe(0);
  });
});
