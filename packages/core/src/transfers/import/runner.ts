import { type ScopedDb } from "@fastnext/db";

import { type Principal } from "../../access/principal";
import { type WorkContext } from "../../context";
import { AppError } from "../../errors";
import { assignInstance } from "../../workflows/instances/assign";
import { createInstance } from "../../workflows/instances/create";
import { type Requester } from "../requester";
import { type TransferJob, type TransferOutcome, type TransferRunner } from "../run";
import { type ImportCandidate } from "./rows";
import { openImportFile } from "./read";
import { ZImportOptionsSchema } from "./input";
import { loadImportPlan, type ImportPlan } from "./plan";
import { placeImportedItem } from "./place";
import { existingKeys, processImport } from "./process";

/** The requester as the services' caller. Checks read the permissions; the rest names them. */
async function principalOf(tx: ScopedDb, requester: Requester): Promise<Principal> {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: requester.userId },
    select: { email: true, name: true },
  });
  return {
    userId: requester.userId,
    sessionId: "",
    email: user.email,
    name: user.name,
    isSuperuser: requester.isSuperuser,
    roles: [],
    permissions: requester.permissions,
  };
}

/**
 * Creates the items of one chunk in one transaction as the requester,
 * each through the create service (its checks, history and activity entry
 * as if made by hand), then its state and assignee, then its key. Rows
 * whose key an earlier import recorded are left alone.
 */
async function applyChunk(
  job: TransferJob,
  plan: ImportPlan,
  candidates: readonly ImportCandidate[],
) {
  return job.asRequester(async (tx, requester) => {
    const existing = await existingKeys(tx, plan, candidates);
    const ctx: WorkContext = {
      db: tx,
      principal: await principalOf(tx, requester),
      actor: {
        userId: requester.userId,
        requestId: `transfer:${job.transfer.id}`,
        ip: null,
        userAgent: null,
      },
      deps: {},
    };
    let created = 0;
    for (const candidate of candidates) {
      if (existing.has(candidate.key)) continue;
      let item = await createInstance(ctx, {
        projectId: plan.projectId,
        templateId: plan.template.id,
        title: candidate.title,
        data: candidate.data,
      });
      if (candidate.state !== null) {
        await placeImportedItem(ctx, plan.definition, item, candidate.state);
      }
      if (candidate.assigneeId !== null) {
        item = await assignInstance(ctx, { instanceId: item.id, assigneeId: candidate.assigneeId });
      }
      await tx.workflowImportKey.create({
        data: {
          projectId: plan.projectId,
          templateKey: plan.template.key,
          key: candidate.key,
          instanceId: item.id,
          transferId: job.transfer.id,
        },
        select: { key: true },
      });
      created += 1;
    }
    return { created, unchanged: candidates.length - created };
  });
}

/**
 * Runs an import: the file read from storage as a stream, every row
 * checked, the valid ones created in committed chunks of
 * IMPORT_CHUNK_ROWS. A run that stops half-way (a crash, a row that cannot
 * be read) keeps the chunks it committed, and their keys: the queue's next
 * try, or the same file uploaded again, passes over those rows as
 * unchanged and goes on where it stopped. The report (created, unchanged,
 * refused rows with their problems) is the transfer's result.
 */
export const importRunner: TransferRunner = {
  async run(job: TransferJob): Promise<TransferOutcome> {
    const { transfer } = job;
    const options = ZImportOptionsSchema.parse(transfer.options);
    if (!transfer.projectId || !transfer.storageKey || !transfer.fileName) {
      throw new AppError("PRECONDITION_FAILED", "The import's project or file is gone", {
        reason: "import_source_gone",
      });
    }
    const projectId = transfer.projectId;
    const plan = await job.asRequester((tx, requester) =>
      loadImportPlan(tx, requester, { projectId, ...options }),
    );
    const body = await job.storage.get(transfer.storageKey);
    try {
      const table = await openImportFile(transfer.fileName, body, job.settings.importLimits);
      await job.progress(0, null);
      const report = await processImport(
        table,
        plan,
        (candidates) => applyChunk(job, plan, candidates),
        (rows) => job.progress(rows, null),
      );
      return { result: report, processedRows: report.rows, totalRows: report.rows };
    } finally {
      body.destroy();
    }
  },
};
