import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";

import { emitEvent } from "@fastnext/events";
import { ObjectTooLargeError } from "@fastnext/storage";

import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { requireProjectRole } from "../../projects/access";
import { instanceNotFound } from "../instances/errors";
import { attachmentSettings, attachmentTooLarge } from "./errors";
import { type AttachmentUploadInput } from "./input";
import { attachmentKey } from "./keys";
import { checkedText, sniffContentType, SNIFF_BYTES } from "./sniff";
import { attachmentSelect, toAttachmentView, type AttachmentView } from "./view";

/** The first `bytes` of a stream, and the whole stream again (sample first) for the rest. */
async function peek(
  body: AsyncIterable<Uint8Array>,
  bytes: number,
): Promise<{ sample: Uint8Array; whole: Readable }> {
  const iterator = body[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    length += next.value.length;
  }
  const sample = Buffer.concat(head);
  async function* replay(): AsyncGenerator<Uint8Array> {
    yield* head;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return {
    sample: sample.subarray(0, bytes),
    whole: Readable.from(replay(), { objectMode: false }),
  };
}

/**
 * Attaches a file to an instance (editors of its project). The type is
 * decided from the bytes and must be allowed; the body streams to storage
 * and is cut off, with nothing kept, past the size limit. The row, its
 * activity entry and its event are written only once the bytes are stored;
 * if writing them fails, the stored bytes are removed again.
 */
export async function uploadAttachment(
  ctx: ServiceContext,
  input: AttachmentUploadInput,
  body: AsyncIterable<Uint8Array>,
): Promise<AttachmentView> {
  const settings = attachmentSettings(ctx.deps);
  const instance = await ctx.db.workflowInstance.findUnique({
    where: { id: input.instanceId },
    select: { id: true, projectId: true },
  });
  if (!instance) throw instanceNotFound();
  await requireProjectRole(ctx.db, ctx.principal, instance.projectId, "editor");
  if (input.declaredBytes !== null && input.declaredBytes > settings.maxBytes) {
    throw attachmentTooLarge(settings.maxBytes);
  }

  const { sample, whole } = await peek(body, SNIFF_BYTES);
  if (sample.length > settings.maxBytes) throw attachmentTooLarge(settings.maxBytes);
  const contentType = await sniffContentType(sample, input.fileName);
  const id = randomUUID();
  const key = attachmentKey({
    projectId: instance.projectId,
    instanceId: instance.id,
    attachmentId: id,
  });
  const source = contentType.startsWith("text/") ? Readable.from(checkedText(whole)) : whole;

  let size: number;
  try {
    ({ size } = await settings.storage.put(key, source, {
      maxBytes: settings.maxBytes,
      contentType,
    }));
  } catch (error) {
    if (error instanceof ObjectTooLargeError) throw attachmentTooLarge(settings.maxBytes);
    throw error;
  }

  try {
    const row = await ctx.db.workflowAttachment.create({
      data: {
        id,
        instanceId: instance.id,
        projectId: instance.projectId,
        uploaderId: ctx.principal.userId,
        fileName: input.fileName,
        contentType,
        size,
        storageKey: key,
      },
      select: attachmentSelect,
    });
    await recordActivity(ctx.db, ctx.actor, {
      action: "workflow_attachment.upload",
      entityType: "workflow_instance",
      entityId: instance.id,
      before: null,
      after: { attachmentId: id, fileName: input.fileName, contentType, size },
    });
    await emitEvent(ctx.db, "workflow.attachment_added", {
      attachmentId: id,
      instanceId: instance.id,
      projectId: instance.projectId,
    });
    return toAttachmentView(row);
  } catch (error) {
    await settings.storage.delete(key).catch(() => undefined);
    throw error;
  }
}
