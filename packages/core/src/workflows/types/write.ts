import { isUniqueViolation, Prisma } from "@fastnext/db";
import { type WorkflowTypeCreateInput } from "@fastnext/validators";

import { AppError } from "../../errors";
import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { type WorkflowTypeUpdateInput } from "./input";
import { getWorkflowType } from "./read";
import { workflowTypeSelect, type WorkflowTypeView } from "./view";

function keyTaken(): AppError {
  return new AppError("CONFLICT", "A workflow type with this key exists", {
    reason: "key_taken",
    fieldErrors: { key: ["Already taken"] },
  });
}

export async function createWorkflowType(
  ctx: ServiceContext,
  input: WorkflowTypeCreateInput,
): Promise<WorkflowTypeView> {
  const existing = await ctx.db.workflowType.findUnique({
    where: { key: input.key },
    select: { id: true },
  });
  if (existing) throw keyTaken();
  let type: WorkflowTypeView;
  try {
    type = await ctx.db.workflowType.create({ data: input, select: workflowTypeSelect });
  } catch (error) {
    // Someone created the same key since the check above.
    if (isUniqueViolation(error, "key")) throw keyTaken();
    throw error;
  }
  await recordActivity(ctx.db, ctx.actor, {
    action: "workflow_type.create",
    entityType: "workflow_type",
    entityId: type.id,
    before: null,
    after: { key: type.key, name: type.name, description: type.description },
  });
  return type;
}

export async function updateWorkflowType(
  ctx: ServiceContext,
  input: WorkflowTypeUpdateInput,
): Promise<WorkflowTypeView> {
  const before = await getWorkflowType(ctx, input.id);
  const after = await ctx.db.workflowType.update({
    where: { id: input.id },
    data: input.data,
    select: workflowTypeSelect,
  });
  await recordActivity(ctx.db, ctx.actor, {
    action: "workflow_type.update",
    entityType: "workflow_type",
    entityId: input.id,
    before: { name: before.name, description: before.description },
    after: { name: after.name, description: after.description },
  });
  return after;
}

function hasTemplates(templates: number): AppError {
  return new AppError(
    "PRECONDITION_FAILED",
    `The type still has ${templates} template version(s)`,
    {
      reason: "has_templates",
      details: { templates },
    },
  );
}

/** Refused while templates of the type exist: they, and their instances, depend on it. */
export async function deleteWorkflowType(ctx: ServiceContext, id: string): Promise<{ id: string }> {
  const type = await getWorkflowType(ctx, id);
  const templates = await ctx.db.workflowTemplate.count({ where: { typeId: id } });
  if (templates > 0) throw hasTemplates(templates);
  try {
    await ctx.db.workflowType.deleteMany({ where: { id } });
  } catch (error) {
    // A template created since the count: the foreign key refuses the delete.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003")
      throw hasTemplates(1);
    throw error;
  }
  await recordActivity(ctx.db, ctx.actor, {
    action: "workflow_type.delete",
    entityType: "workflow_type",
    entityId: id,
    before: { key: type.key, name: type.name, description: type.description },
    after: null,
  });
  return { id };
}
