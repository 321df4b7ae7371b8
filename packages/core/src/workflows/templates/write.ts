import { isUniqueViolation, type ScopedDb } from "@fastnext/db";
import { type WorkflowTemplateCreateInput } from "@fastnext/validators";
import { type WorkflowDefinition } from "@fastnext/workflow";

import { AppError } from "../../errors";
import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { definitionJson } from "../definition";
import { type WorkflowTemplateUpdateInput } from "./input";
import { requireTemplateWriter } from "./access";
import { getTemplate } from "./read";
import { templateSelect, toTemplateView, type WorkflowTemplateView } from "./view";

function keyTaken(): AppError {
  return new AppError(
    "CONFLICT",
    "A template with this key exists; edit it to make a new version",
    {
      reason: "key_taken",
      fieldErrors: { key: ["Already taken"] },
    },
  );
}

function versionTaken(): AppError {
  return new AppError(
    "CONFLICT",
    "Someone else made a new version of this template at the same time",
    {
      reason: "version_taken",
    },
  );
}

interface DraftData {
  typeId: string;
  projectId: string | null;
  key: string;
  version: number;
  name: string;
  definition: WorkflowDefinition;
}

/** Inserts a draft version; a unique violation on (key, version) becomes `onTaken`. */
async function insertDraft(ctx: ServiceContext, data: DraftData, onTaken: () => AppError) {
  try {
    return await ctx.db.workflowTemplate.create({
      data: {
        ...data,
        status: "draft",
        definition: definitionJson(data.definition),
        createdById: ctx.principal.userId,
      },
      select: templateSelect,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw onTaken();
    throw error;
  }
}

/**
 * Starts a new template key at version 1, as a draft: installation-wide
 * (workflow.manage), or a project's own with `projectId` (its owners).
 * Keys are unique across the installation, whatever the scope.
 */
export async function createTemplate(
  ctx: ServiceContext,
  input: WorkflowTemplateCreateInput,
): Promise<WorkflowTemplateView> {
  const projectId = input.projectId ?? null;
  await requireTemplateWriter(ctx, projectId);
  const type = await ctx.db.workflowType.findUnique({
    where: { id: input.typeId },
    select: { id: true },
  });
  if (!type) {
    throw new AppError("NOT_FOUND", "No such workflow type", {
      reason: "workflow_type_not_found",
      fieldErrors: { typeId: ["No such workflow type"] },
    });
  }
  const existing = await ctx.db.workflowTemplate.findFirst({
    where: { key: input.key },
    select: { id: true },
  });
  if (existing) throw keyTaken();
  const record = await insertDraft(
    ctx,
    {
      typeId: input.typeId,
      projectId,
      key: input.key,
      version: 1,
      name: input.name,
      definition: input.definition,
    },
    keyTaken,
  );
  const template = toTemplateView(record);
  await recordActivity(ctx.db, ctx.actor, {
    action: "workflow_template.create",
    entityType: "workflow_template",
    entityId: template.id,
    before: null,
    after: {
      key: template.key,
      version: template.version,
      projectId,
      name: template.name,
      definition: template.definition,
    },
  });
  return template;
}

async function nextVersion(db: ScopedDb, key: string): Promise<number> {
  const latest = await db.workflowTemplate.aggregate({ where: { key }, _max: { version: true } });
  return (latest._max.version ?? 0) + 1;
}

/**
 * Edits a template. A draft changes in place. A published (or archived)
 * version never changes, since instances run on it: the edit becomes a new
 * draft version of the same key instead, which is returned.
 */
export async function updateTemplate(
  ctx: ServiceContext,
  input: WorkflowTemplateUpdateInput,
): Promise<WorkflowTemplateView> {
  const current = await getTemplate(ctx, input.id);
  await requireTemplateWriter(ctx, current.projectId);
  const name = input.data.name ?? current.name;
  const definition = input.data.definition ?? current.definition;

  if (current.status === "draft") {
    // Conditional on still being a draft: a publish that got in first wins.
    const { count } = await ctx.db.workflowTemplate.updateMany({
      where: { id: current.id, status: "draft" },
      data: { name, definition: definitionJson(definition) },
    });
    if (count !== 1) {
      throw new AppError(
        "CONFLICT",
        "This version was published meanwhile; reload it and edit again",
        {
          reason: "concurrent_change",
        },
      );
    }
    await recordActivity(ctx.db, ctx.actor, {
      action: "workflow_template.update",
      entityType: "workflow_template",
      entityId: current.id,
      before: { name: current.name, definition: current.definition },
      after: { name, definition },
    });
    return getTemplate(ctx, current.id);
  }

  const version = await nextVersion(ctx.db, current.key);
  const record = await insertDraft(
    ctx,
    {
      typeId: current.typeId,
      projectId: current.projectId,
      key: current.key,
      version,
      name,
      definition,
    },
    versionTaken,
  );
  await recordActivity(ctx.db, ctx.actor, {
    action: "workflow_template.create_version",
    entityType: "workflow_template",
    entityId: record.id,
    before: null,
    after: { key: current.key, version, basedOnVersion: current.version, name, definition },
  });
  return toTemplateView(record);
}
