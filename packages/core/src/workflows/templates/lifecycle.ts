import { validateDefinition, type Problem } from "@fastnext/workflow";

import { AppError, collectFieldErrors, type FieldErrors } from "../../errors";
import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { requireTemplateWriter } from "./access";
import { getTemplate } from "./read";
import { templateSelect, toTemplateView, type WorkflowTemplateView } from "./view";

/** Problems keyed like form fields: `definition.transitions.2.to`. */
function fieldErrorsOf(problems: readonly Problem[]): FieldErrors {
  return collectFieldErrors(
    problems.map(
      (problem) =>
        [["definition", ...problem.path.map(String)].join("."), problem.message] as const,
    ),
  );
}

function notDraft(status: string): AppError {
  return new AppError(
    "PRECONDITION_FAILED",
    `Only a draft can be published; this version is ${status}`,
    {
      reason: "not_draft",
      details: { status },
    },
  );
}

/**
 * Publishes a draft version after checking the whole definition; every
 * problem is reported at once so the author can fix them in one pass.
 * Earlier published versions stay published (instances keep running on
 * them); new instances take the newest published version of the key.
 */
export async function publishTemplate(
  ctx: ServiceContext,
  id: string,
): Promise<WorkflowTemplateView> {
  const template = await getTemplate(ctx, id);
  await requireTemplateWriter(ctx, template.projectId);
  if (template.status !== "draft") throw notDraft(template.status);
  const result = validateDefinition(template.definition);
  if (!result.ok) {
    throw new AppError("VALIDATION", `The definition has ${result.problems.length} problem(s)`, {
      reason: "invalid_definition",
      details: {
        problems: result.problems.map((problem) => ({
          code: problem.code,
          message: problem.message,
          path: problem.path,
        })),
      },
      fieldErrors: fieldErrorsOf(result.problems),
    });
  }
  const publishedAt = new Date();
  // Conditional on still being a draft: of two concurrent publishes, one wins.
  const { count } = await ctx.db.workflowTemplate.updateMany({
    where: { id, status: "draft" },
    data: { status: "published", publishedAt },
  });
  if (count === 0) throw notDraft("published");
  const record = await ctx.db.workflowTemplate.findUniqueOrThrow({
    where: { id },
    select: templateSelect,
  });
  await recordActivity(ctx.db, ctx.actor, {
    action: "workflow_template.publish",
    entityType: "workflow_template",
    entityId: id,
    before: { status: template.status, publishedAt: null },
    after: { status: "published", publishedAt },
  });
  return toTemplateView(record);
}

/**
 * Retires a version: no new instance starts on it. Instances already
 * running on it keep it until they finish.
 */
export async function archiveTemplate(
  ctx: ServiceContext,
  id: string,
): Promise<WorkflowTemplateView> {
  const template = await getTemplate(ctx, id);
  await requireTemplateWriter(ctx, template.projectId);
  if (template.status === "archived") {
    throw new AppError("PRECONDITION_FAILED", "This version is already archived", {
      reason: "already_archived",
    });
  }
  const record = await ctx.db.workflowTemplate.update({
    where: { id },
    data: { status: "archived" },
    select: templateSelect,
  });
  await recordActivity(ctx.db, ctx.actor, {
    action: "workflow_template.archive",
    entityType: "workflow_template",
    entityId: id,
    before: { status: template.status },
    after: { status: "archived" },
  });
  return toTemplateView(record);
}
