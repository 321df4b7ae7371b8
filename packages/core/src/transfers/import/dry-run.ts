import { ObjectNotFoundError } from "@fastnext/storage";

import { AppError } from "../../errors";
import { type ServiceContext } from "../../context";
import { type ImportRunInput } from "./input";
import { importUploadKey } from "./keys";
import { loadImportPlan, type ImportPlan } from "./plan";
import { existingKeys, processImport } from "./process";
import { openImportFile } from "./read";
import { importSettings } from "./settings";
import { type ImportTable } from "./cells";
import { type ImportReport } from "./view";
import { type CoreDeps } from "../../deps";

export function uploadNotFound(): AppError {
  return new AppError("NOT_FOUND", "No such upload: upload the file again", {
    reason: "import_upload_not_found",
    fieldErrors: { uploadId: ["No such upload"] },
  });
}

/** The caller's own stored upload, opened as a table; NOT_FOUND when there is none. */
export async function openUpload(
  deps: CoreDeps,
  parts: { projectId: string; userId: string; uploadId: string; fileName: string },
): Promise<{ table: ImportTable; close: () => void }> {
  const { storage, limits } = importSettings(deps);
  let body;
  try {
    body = await storage.get(importUploadKey(parts));
  } catch (error) {
    if (error instanceof ObjectNotFoundError) throw uploadNotFound();
    throw error;
  }
  try {
    const table = await openImportFile(parts.fileName, body, limits);
    return { table, close: () => body.destroy() };
  } catch (error) {
    body.destroy();
    throw error;
  }
}

/**
 * What an import would do, without doing it: every row checked as the
 * apply will check it, rows an earlier import made counted as unchanged,
 * and nothing written. Runs in the caller's request, so its rows are
 * bounded by the import limits.
 */
export async function dryRunImport(
  ctx: ServiceContext,
  input: ImportRunInput,
): Promise<ImportReport> {
  const plan: ImportPlan = await loadImportPlan(ctx.db, ctx.principal, input);
  const { table, close } = await openUpload(ctx.deps, { ...input, userId: ctx.principal.userId });
  try {
    return await processImport(table, plan, async (candidates) => {
      const existing = await existingKeys(ctx.db, plan, candidates);
      return { created: candidates.length - existing.size, unchanged: existing.size };
    });
  } finally {
    close();
  }
}
