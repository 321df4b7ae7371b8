import { type Prisma } from "@fastnext/db";

import { AppError } from "../../errors";
import { keysetAfter, keysetOrderBy, NEWEST_FIRST } from "../../pagination/keyset";
import { decodeCursor, toPage, type Page, type PageInput } from "../../pagination/pagination";
import { type ServiceContext } from "../../context";
import {
  templateSelect,
  templateSummarySelect,
  toTemplateView,
  type WorkflowTemplateSummary,
  type WorkflowTemplateView,
} from "./view";
import { type WorkflowTemplateListFilters } from "./input";

/**
 * Template versions, newest first: the installation's, which any signed-in
 * user reads, and those of the projects the caller may read (RLS).
 */
export async function listTemplates(
  ctx: ServiceContext,
  input: WorkflowTemplateListFilters & PageInput,
): Promise<Page<WorkflowTemplateSummary>> {
  const conditions: Prisma.WorkflowTemplateWhereInput[] = [];
  if (input.typeId) conditions.push({ typeId: input.typeId });
  if (input.key) conditions.push({ key: input.key });
  if (input.status) conditions.push({ status: input.status });
  if (input.projectId) conditions.push({ projectId: input.projectId });
  if (input.scope === "installation") conditions.push({ projectId: null });
  if (input.scope === "project") conditions.push({ projectId: { not: null } });
  const after = decodeCursor(ctx.deps.cursors, input.cursor);
  if (after) conditions.push(keysetAfter(NEWEST_FIRST, after.at, after.id));
  const rows = await ctx.db.workflowTemplate.findMany({
    where: { AND: conditions },
    orderBy: keysetOrderBy(NEWEST_FIRST),
    take: input.limit + 1,
    select: templateSummarySelect,
  });
  return toPage(ctx.deps.cursors, rows, input.limit, (row) => ({ at: row.createdAt, id: row.id }));
}

export function templateNotFound(): AppError {
  return new AppError("NOT_FOUND", "No such workflow template", { reason: "template_not_found" });
}

export async function getTemplate(ctx: ServiceContext, id: string): Promise<WorkflowTemplateView> {
  const record = await ctx.db.workflowTemplate.findUnique({
    where: { id },
    select: templateSelect,
  });
  if (!record) throw templateNotFound();
  return toTemplateView(record);
}
