import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";

import { emitEvent } from "@fastnext/events";
import { ObjectTooLargeError } from "@fastnext/storage";

import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { type CoreDeps } from "../../deps";
import { requireProjectRole } from "../../projects/access";
import { instanceNotFound } from "../instances/errors";
import { attachmentSettings, attachmentTooLarge } from "./errors";
import { type AttachmentUploadInput, type StoredUpload } from "./input";
import { peek } from "./peek";
import { attachmentKey } from "./keys";
import { checkedText, sniffContentType, SNIFF_BYTES } from "./sniff";
import { attachmentSelect, toAttachmentView, type AttachmentView, type UploadTarget } from "./view";

/*
 * An upload is three steps, so that no database transaction (and no pooled
 * connection) waits on a client's upload speed: `authorizeUpload` checks
 * the caller in a short transaction, `storeUpload` streams the bytes to
 * storage with no database work, and `recordUpload` writes the row, its
 * activity entry and its event in another short transaction, where the
 * insert policy checks the caller's role again. The HTTP route runs them in
 * that order and calls `discardUpload` when the record is refused.
 */

/** The instance an editor may attach a file to; NOT_FOUND or FORBIDDEN otherwise. */
export async function authorizeUpload(
  ctx: ServiceContext,
  input: AttachmentUploadInput,
): Promise<UploadTarget> {
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
  return {
    instanceId: instance.id,
    projectId: instance.projectId,
    fileName: input.fileName,
    declaredBytes: input.declaredBytes,
  };
}

/**
 * Decides the file's type from its first bytes (refused unless allowed)
 * and streams it to storage, cut off with nothing kept past the size limit.
 */
export async function storeUpload(
  deps: CoreDeps,
  target: UploadTarget,
  body: AsyncIterable<Uint8Array>,
): Promise<StoredUpload> {
  const settings = attachmentSettings(deps);
  const { sample, whole } = await peek(body, SNIFF_BYTES);
  if (sample.length > settings.maxBytes) throw attachmentTooLarge(settings.maxBytes);
  const contentType = await sniffContentType(sample, target.fileName);
  const attachmentId = randomUUID();
  const key = attachmentKey({ ...target, attachmentId });
  const source = contentType.startsWith("text/") ? Readable.from(checkedText(whole)) : whole;
  try {
    const { size } = await settings.storage.put(key, source, {
      maxBytes: settings.maxBytes,
      contentType,
    });
    return {
      attachmentId,
      instanceId: target.instanceId,
      projectId: target.projectId,
      fileName: target.fileName,
      contentType,
      size,
    };
  } catch (error) {
    if (error instanceof ObjectTooLargeError) throw attachmentTooLarge(settings.maxBytes);
    throw error;
  }
}

/** The attachment's row, activity entry and event, for a file `storeUpload` stored. */
export async function recordUpload(
  ctx: ServiceContext,
  stored: StoredUpload,
): Promise<AttachmentView> {
  const instance = await ctx.db.workflowInstance.findUnique({
    where: { id: stored.instanceId },
    select: { id: true, projectId: true },
  });
  if (instance?.projectId !== stored.projectId) throw instanceNotFound();
  await requireProjectRole(ctx.db, ctx.principal, instance.projectId, "editor");
  const row = await ctx.db.workflowAttachment.create({
    data: {
      id: stored.attachmentId,
      instanceId: instance.id,
      projectId: instance.projectId,
      uploaderId: ctx.principal.userId,
      fileName: stored.fileName,
      contentType: stored.contentType,
      size: stored.size,
      // Made from the ids again, never taken from the caller.
      storageKey: attachmentKey(stored),
    },
    select: attachmentSelect,
  });
  await recordActivity(ctx.db, ctx.actor, {
    action: "workflow_attachment.upload",
    entityType: "workflow_instance",
    entityId: instance.id,
    before: null,
    after: {
      attachmentId: row.id,
      fileName: row.fileName,
      contentType: row.contentType,
      size: row.size,
    },
  });
  await emitEvent(ctx.db, "workflow.attachment_added", {
    attachmentId: row.id,
    instanceId: instance.id,
    projectId: instance.projectId,
  });
  return toAttachmentView(row);
}

/** Removes a stored file whose record was refused or rolled back. */
export async function discardUpload(deps: CoreDeps, stored: StoredUpload): Promise<void> {
  await attachmentSettings(deps).storage.delete(attachmentKey(stored));
}
