import {
  ZExportResourceSchema,
  ZTransferFormatSchema,
  type ExportResource,
} from "@fastnext/validators";

import { AppError } from "../../errors";
import { requireProjectRole } from "../../projects/access";
import { type TransferJob, type TransferOutcome, type TransferRunner } from "../run";
import { type Requester } from "../requester";
import { cursorBatches } from "./cursor";
import { exportKey } from "./keys";
import { exportLayout } from "./resources";
import { exportFile } from "./writers";

/** Rows fetched from the cursor at a time: one batch is all an export holds in memory. */
const BATCH_ROWS = 1_000;

const SHEET_NAMES: Record<ExportResource, string> = {
  projects: "Projects",
  workflow_instances: "Items",
  activities: "Activity",
  users: "Users",
};

/** What the requester must still hold when the export runs (they may have lost it since asking). */
async function recheckAccess(
  job: TransferJob,
  requester: Requester,
  resource: ExportResource,
  tx: Parameters<Parameters<TransferJob["asRequester"]>[0]>[0],
): Promise<void> {
  if (resource === "users" && !requester.permissions.has("user.read")) {
    throw new AppError("FORBIDDEN", "Exporting users needs the user.read permission", {
      reason: "missing_permission",
      details: { permission: "user.read" },
    });
  }
  if (resource === "workflow_instances") {
    await requireProjectRole(tx, requester, job.transfer.projectId ?? "", "viewer");
  }
}

function fileNameOf(resource: ExportResource, format: string, at: Date): string {
  return `${resource.replaceAll("_", "-")}-${at.toISOString().slice(0, 10)}.${format}`;
}

/**
 * An export: one read-only transaction as the requester, a cursor over
 * the resource's rows, the file streamed to storage as it is written.
 * Nothing is held but the batch at hand, and a cancelled or failed export
 * leaves no file (storage keeps nothing of a failed put).
 */
export const exportRunner: TransferRunner = {
  async run(job: TransferJob): Promise<TransferOutcome> {
    const resource = ZExportResourceSchema.parse(job.transfer.resource);
    const format = ZTransferFormatSchema.parse(job.transfer.format);
    const key = exportKey({ ...job.transfer, format });
    const startedAt = new Date();
    const { size, rows } = await job.asRequester(
      async (tx, requester) => {
        await recheckAccess(job, requester, resource, tx);
        const layout = await exportLayout(tx, resource, {
          userId: requester.userId,
          projectId: job.transfer.projectId,
        });
        await job.progress(0, layout.total);
        let rows = 0;
        const body = exportFile(
          format,
          SHEET_NAMES[resource],
          layout,
          cursorBatches(tx, layout.query, BATCH_ROWS),
          async (written) => {
            rows = written;
            await job.progress(written, Math.max(layout.total, written));
          },
        );
        const stored = await job.storage.put(key, body, { maxBytes: job.settings.exportMaxBytes });
        return { size: stored.size, rows };
      },
      { readOnly: true },
    );
    return {
      storageKey: key,
      fileName: fileNameOf(resource, format, startedAt),
      byteSize: size,
      processedRows: rows,
      totalRows: rows,
      expiresAt: new Date(Date.now() + job.settings.exportRetentionSeconds * 1000),
    };
  },
};
