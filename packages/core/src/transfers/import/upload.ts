import { randomUUID } from "node:crypto";

import { ObjectTooLargeError } from "@fastnext/storage";

import { AppError } from "../../errors";
import { type ServiceContext } from "../../context";
import { requireProjectRole } from "../../projects/access";
import { peek } from "../../workflows/attachments/peek";
import { checkedText, SNIFF_BYTES } from "../../workflows/attachments/sniff";
import { type CoreDeps } from "../../deps";
import { importFileError } from "./errors";
import { type ImportUploadInput, type ImportUploadTarget } from "./input";
import { importUploadKey } from "./keys";
import { type ImportLimits } from "./limits";
import { openImportFile } from "./read";
import { detectFormat, notUtf8 } from "./source";
import { importSettings } from "./settings";
import { type ImportUploadView } from "./view";

/*
 * An upload is three steps, as for attachments, so that no transaction
 * waits on a client's upload speed: `authorizeImportUpload` checks the
 * caller (an editor of the project) in a short transaction, then
 * `storeImportUpload` refuses a file that is not one of the formats, streams
 * it to storage, and reads its header back, with no database work.
 */

function tooLarge(limits: ImportLimits): AppError {
  return importFileError(
    "import_file_too_large",
    `An import file may have at most ${limits.maxFileBytes} bytes`,
    { maxBytes: limits.maxFileBytes },
  );
}

/** The project an editor may import into; NOT_FOUND or FORBIDDEN otherwise. */
export async function authorizeImportUpload(
  ctx: ServiceContext,
  input: ImportUploadInput,
): Promise<ImportUploadTarget> {
  const { limits } = importSettings(ctx.deps);
  const access = await requireProjectRole(ctx.db, ctx.principal, input.projectId, "editor");
  if (access.project.archivedAt) {
    throw new AppError("PRECONDITION_FAILED", "The project is archived", {
      reason: "project_archived",
    });
  }
  if (input.declaredBytes !== null && input.declaredBytes > limits.maxFileBytes) {
    throw tooLarge(limits);
  }
  return {
    projectId: input.projectId,
    userId: ctx.principal.userId,
    uploadId: randomUUID(),
    fileName: input.fileName,
  };
}

/** The header of a stored upload, or its refusal (the file is then removed). */
export async function describeImportUpload(
  deps: CoreDeps,
  target: ImportUploadTarget,
  byteSize: number,
): Promise<ImportUploadView> {
  const { storage, limits } = importSettings(deps);
  const key = importUploadKey(target);
  const body = await storage.get(key);
  try {
    const table = await openImportFile(target.fileName, body, limits);
    return {
      uploadId: target.uploadId,
      fileName: target.fileName,
      format: table.format,
      byteSize,
      columns: [...table.columns],
    };
  } finally {
    body.destroy();
  }
}

/**
 * Refuses a file that is no import format from its first bytes (before
 * anything is stored), streams it to storage with nothing kept past the
 * size limit, and reads its header back: a file whose header cannot be
 * read is removed and refused now, not at the dry run.
 */
export async function storeImportUpload(
  deps: CoreDeps,
  target: ImportUploadTarget,
  body: AsyncIterable<Uint8Array>,
): Promise<ImportUploadView> {
  const { storage, limits } = importSettings(deps);
  const { sample, whole } = await peek(body, SNIFF_BYTES);
  if (sample.length > limits.maxFileBytes) throw tooLarge(limits);
  const format = await detectFormat(sample, target.fileName);
  const key = importUploadKey(target);
  let size: number;
  try {
    const source = format === "xlsx" ? whole : checkedText(whole, notUtf8);
    ({ size } = await storage.put(key, source, { maxBytes: limits.maxFileBytes }));
  } catch (error) {
    if (error instanceof ObjectTooLargeError) throw tooLarge(limits);
    throw error;
  }
  try {
    return await describeImportUpload(deps, target, size);
  } catch (error) {
    await storage.delete(key);
    throw error;
  }
}
