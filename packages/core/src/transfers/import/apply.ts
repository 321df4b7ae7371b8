import { type ServiceContext } from "../../context";
import { AppError } from "../../errors";
import { requestTransfer } from "../request";
import { type TransferView } from "../view";
import { openUpload } from "./dry-run";
import { type ImportOptions, type ImportRunInput } from "./input";
import { importUploadKey } from "./keys";
import { checkMapping } from "./mapping";
import { loadImportPlan } from "./plan";

/**
 * Queues the import of an upload the caller made: the same checks as the
 * dry run up to the header (editor, template, mapping against the
 * columns), the mapping remembered for the template, then a transfer the
 * worker runs as the caller. An upload is applied once; importing the
 * same file again is a new upload, whose rows then come to nothing new.
 */
export async function requestImport(
  ctx: ServiceContext,
  input: ImportRunInput,
): Promise<TransferView> {
  const plan = await loadImportPlan(ctx.db, ctx.principal, input);
  const parts = { ...input, userId: ctx.principal.userId };
  const { table, close } = await openUpload(ctx.deps, parts);
  close();
  checkMapping(table, plan.definition, input.mapping);
  const storageKey = importUploadKey(parts);
  const earlier = await ctx.db.dataTransfer.findFirst({
    where: { storageKey },
    select: { id: true },
  });
  if (earlier) {
    throw new AppError("CONFLICT", "This upload is imported already: upload the file again", {
      reason: "import_upload_used",
      details: { transferId: earlier.id },
    });
  }
  const mapping = { ...input.mapping };
  await ctx.db.importMapping.upsert({
    where: {
      projectId_templateKey: { projectId: input.projectId, templateKey: plan.template.key },
    },
    create: {
      projectId: input.projectId,
      templateKey: plan.template.key,
      mapping,
      updatedById: ctx.principal.userId,
    },
    update: { mapping, updatedById: ctx.principal.userId },
    select: { projectId: true },
  });
  const options: ImportOptions = { templateKey: plan.template.key, mapping: input.mapping };
  return requestTransfer(ctx, {
    kind: "import",
    resource: "workflow_instances",
    format: table.format,
    projectId: input.projectId,
    options: { ...options, mapping },
    storageKey,
    fileName: input.fileName,
  });
}
