import { type Prisma } from "@fastnext/db";

import { AppError } from "../../errors";
import { keysetAfter, keysetOrderBy, NEWEST_FIRST } from "../../pagination/keyset";
import { decodeCursor, toPage, type Page, type PageInput } from "../../pagination/pagination";
import { type ServiceContext } from "../../context";
import { workflowTypeSelect, type WorkflowTypeView } from "./view";

/** Any signed-in user reads the catalogue of workflow types; newest first. */
export async function listWorkflowTypes(
  ctx: ServiceContext,
  input: { search?: string | undefined } & PageInput,
): Promise<Page<WorkflowTypeView>> {
  const conditions: Prisma.WorkflowTypeWhereInput[] = [];
  if (input.search) {
    conditions.push({
      OR: [
        { key: { contains: input.search, mode: "insensitive" } },
        { name: { contains: input.search, mode: "insensitive" } },
      ],
    });
  }
  const after = decodeCursor(ctx.deps.cursors, input.cursor);
  if (after) conditions.push(keysetAfter(NEWEST_FIRST, after.at, after.id));
  const rows = await ctx.db.workflowType.findMany({
    where: { AND: conditions },
    orderBy: keysetOrderBy(NEWEST_FIRST),
    take: input.limit + 1,
    select: workflowTypeSelect,
  });
  return toPage(ctx.deps.cursors, rows, input.limit, (row) => ({ at: row.createdAt, id: row.id }));
}

export async function getWorkflowType(ctx: ServiceContext, id: string): Promise<WorkflowTypeView> {
  const type = await ctx.db.workflowType.findUnique({ where: { id }, select: workflowTypeSelect });
  if (!type)
    throw new AppError("NOT_FOUND", "No such workflow type", { reason: "workflow_type_not_found" });
  return type;
}
