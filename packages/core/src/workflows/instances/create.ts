import { AppError } from "../../errors";
import { recordActivity } from "../../activity";
import { type WorkContext } from "../../context";
import { telemetryOf } from "../../telemetry";
import { requireProjectRole } from "../../projects/access";
import { initialState, parseStoredDefinition } from "../definition";
import { isTemplateDisabled } from "../templates/availability";
import { type WorkflowInstanceCreateInput } from "./input";
import { validateData } from "./data";
import { instanceSelect, toInstanceView, type WorkflowInstanceView } from "./view";

async function findTemplate(ctx: WorkContext, input: WorkflowInstanceCreateInput) {
  const select = { id: true, key: true, status: true, definition: true, projectId: true } as const;
  // Installation-wide templates, or this project's own: another project's template is, for
  // this project, no template at all (even to a member of both).
  const inScope = { OR: [{ projectId: null }, { projectId: input.projectId }] };
  if (input.templateId)
    return ctx.db.workflowTemplate.findFirst({
      where: { id: input.templateId, ...inScope },
      select,
    });
  // The newest published version of the key; drafts and archived versions never start instances.
  return ctx.db.workflowTemplate.findFirst({
    where: { key: input.templateKey, status: "published", ...inScope },
    orderBy: { version: "desc" },
    select,
  });
}

/**
 * Starts an instance in a project where the caller is an editor or owner
 * (or holds project.manage_all), in the template's initial state. The
 * instance keeps this template version for its whole life.
 */
export async function createInstance(
  ctx: WorkContext,
  input: WorkflowInstanceCreateInput,
): Promise<WorkflowInstanceView> {
  const { db, principal } = ctx;
  const access = await requireProjectRole(db, principal, input.projectId, "editor");
  if (access.project.archivedAt) {
    throw new AppError("PRECONDITION_FAILED", "The project is archived", {
      reason: "project_archived",
    });
  }
  const template = await findTemplate(ctx, input);
  const field = input.templateId ? "templateId" : "templateKey";
  if (!template) {
    throw new AppError("NOT_FOUND", "No published template by that name", {
      reason: "template_not_found",
      fieldErrors: { [field]: ["No published template"] },
    });
  }
  if (template.status !== "published") {
    throw new AppError(
      "PRECONDITION_FAILED",
      `This template version is ${template.status}, not published`,
      {
        reason: "template_not_published",
        fieldErrors: { [field]: ["Not published"] },
      },
    );
  }
  if (
    template.projectId === null &&
    (await isTemplateDisabled(db, input.projectId, template.key))
  ) {
    throw new AppError("PRECONDITION_FAILED", "This project's owners turned this template off", {
      reason: "template_disabled",
      fieldErrors: { [field]: ["Turned off for this project"] },
    });
  }
  const definition = parseStoredDefinition(template.definition);
  const data = validateData(definition.dataFields, input.data);
  const state = initialState(definition);
  const record = await db.workflowInstance.create({
    data: {
      projectId: input.projectId,
      templateId: template.id,
      title: input.title,
      data,
      state: state.key,
      createdById: principal.userId,
    },
    select: instanceSelect,
  });
  await db.workflowHistory.create({
    data: {
      instanceId: record.id,
      projectId: record.projectId,
      toState: state.key,
      actorId: principal.userId,
      versionAfter: record.version,
      createdAt: record.stateEnteredAt,
    },
    select: { id: true },
  });
  await recordActivity(db, ctx.actor, {
    action: "workflow_instance.create",
    entityType: "workflow_instance",
    entityId: record.id,
    before: null,
    after: {
      projectId: record.projectId,
      templateId: template.id,
      title: record.title,
      state: state.key,
    },
  });
  // Counted when the service is done: a request that then fails to commit counts once too many.
  telemetryOf(ctx.deps).workflowInstanceCreated();
  return toInstanceView(record);
}
