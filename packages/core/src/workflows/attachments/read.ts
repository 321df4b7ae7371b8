import { type Readable } from "node:stream";

import { ObjectNotFoundError } from "@fastnext/storage";

import { keysetAfter, keysetOrderBy, NEWEST_FIRST } from "../../pagination/keyset";
import { decodeCursor, toPage, type Page } from "../../pagination/pagination";
import { type ServiceContext } from "../../context";
import { instanceNotFound } from "../instances/errors";
import { attachmentNotFound, attachmentSettings } from "./errors";
import { type AttachmentListInput } from "./input";
import { attachmentSelect, toAttachmentView, type AttachmentView } from "./view";

/** An instance's files, newest first; NOT_FOUND when the instance is not visible. */
export async function listAttachments(
  ctx: ServiceContext,
  input: AttachmentListInput,
): Promise<Page<AttachmentView>> {
  const instance = await ctx.db.workflowInstance.findUnique({
    where: { id: input.instanceId },
    select: { id: true },
  });
  if (!instance) throw instanceNotFound();
  const after = decodeCursor(ctx.deps.cursors, input.cursor);
  const rows = await ctx.db.workflowAttachment.findMany({
    where: {
      instanceId: input.instanceId,
      ...(after ? keysetAfter(NEWEST_FIRST, after.at, after.id) : {}),
    },
    orderBy: keysetOrderBy(NEWEST_FIRST),
    take: input.limit + 1,
    select: attachmentSelect,
  });
  return toPage(ctx.deps.cursors, rows.map(toAttachmentView), input.limit, (row) => ({
    at: row.createdAt,
    id: row.id,
  }));
}

/**
 * A file to download: its row (visible exactly when its instance is: the
 * same policy) and its bytes. NOT_FOUND for a file the caller may not see.
 */
export async function openAttachment(
  ctx: ServiceContext,
  attachmentId: string,
): Promise<{ attachment: AttachmentView; body: Readable }> {
  const settings = attachmentSettings(ctx.deps);
  const row = await ctx.db.workflowAttachment.findUnique({
    where: { id: attachmentId },
    select: { ...attachmentSelect, storageKey: true },
  });
  if (!row) throw attachmentNotFound();
  try {
    return { attachment: toAttachmentView(row), body: await settings.storage.get(row.storageKey) };
  } catch (error) {
    if (error instanceof ObjectNotFoundError) throw attachmentNotFound();
    throw error;
  }
}
