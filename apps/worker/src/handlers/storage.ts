import { attachmentKey, projectStoragePrefix } from "@fastnext/core/workflows";
import { type ObjectStorage } from "@fastnext/storage";

import { transactionHandler, type WorkerContext } from "./types";

function storageOf(ctx: WorkerContext): ObjectStorage {
  // A worker without storage cannot clean up: the job fails and is retried.
  if (!ctx.storage) throw new Error("this worker was started without attachment storage");
  return ctx.storage;
}

/**
 * Stored files whose rows are gone. Removing an object is idempotent, so a
 * run that removed it but died before its completion record committed is
 * simply run again; the database writes nothing else.
 */
export const storageHandlers = [
  transactionHandler({
    name: "storage.attachment_removed",
    event: "workflow.attachment_deleted",
    async apply(_tx, event, ctx) {
      await storageOf(ctx).delete(attachmentKey(event.payload));
    },
  }),
  transactionHandler({
    name: "storage.project_removed",
    event: "project.deleted",
    async apply(_tx, event, ctx) {
      await storageOf(ctx).deletePrefix(projectStoragePrefix(event.payload.projectId));
    },
  }),
];
