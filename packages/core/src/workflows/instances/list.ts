import { z } from "zod";

import { Prisma, scopedRows } from "@fastnext/db";

import { keysetAfterSql } from "../../pagination/keyset";
import { containsPattern } from "../../pagination/search";
import { decodeCursor, toPage, type Page, type PageInput } from "../../pagination/pagination";
import { type ServiceContext } from "../../context";
import { requireProjectRole } from "../../projects/access";
import { type WorkflowInstanceListFilters } from "./input";
import { ZDataDocumentSchema, type WorkflowInstanceView } from "./view";

const ZRowsSchema = z.array(
  z.object({
    id: z.string(),
    project_id: z.string(),
    template_id: z.string(),
    template_key: z.string(),
    template_version: z.number().int(),
    template_name: z.string(),
    title: z.string(),
    data: ZDataDocumentSchema,
    state: z.string(),
    version: z.number().int(),
    assignee_id: z.string().nullable(),
    state_entered_at: z.date(),
    completed_at: z.date().nullable(),
    created_by_id: z.string().nullable(),
    created_at: z.date(),
    updated_at: z.date(),
  }),
);

type Row = z.infer<typeof ZRowsSchema>[number];

function toView(row: Row): WorkflowInstanceView {
  return {
    id: row.id,
    projectId: row.project_id,
    templateId: row.template_id,
    template: { key: row.template_key, version: row.template_version, name: row.template_name },
    title: row.title,
    data: row.data,
    state: row.state,
    version: row.version,
    assigneeId: row.assignee_id,
    stateEnteredAt: row.state_entered_at,
    completedAt: row.completed_at,
    createdById: row.created_by_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Instances the caller can see (RLS, and the same rule in the query when no
 * project is named), newest first, keyset-paginated. One statement for the
 * page, template columns joined in, whatever its size.
 */
export async function listInstances(
  ctx: ServiceContext,
  input: WorkflowInstanceListFilters & PageInput,
): Promise<Page<WorkflowInstanceView>> {
  const conditions: Prisma.Sql[] = [];
  if (input.projectId) {
    // An outsider asking about a private project learns nothing, not even that it is empty.
    await requireProjectRole(ctx.db, ctx.principal, input.projectId, "viewer");
    conditions.push(Prisma.sql`i.project_id = ${input.projectId}::uuid`);
  } else if (!ctx.principal.permissions.has("project.read_all")) {
    // The policy's rule spelt out as one array, which the (project_id,
    // created_at) index can take: the policy alone (three ORed branches)
    // leaves PostgreSQL a scan of every instance, each checked in turn.
    conditions.push(
      Prisma.sql`i.project_id = ANY ((SELECT app.my_project_ids('viewer') || app.internal_project_ids())::uuid[])`,
    );
  }
  if (input.templateKey) conditions.push(Prisma.sql`t.key = ${input.templateKey}`);
  if (input.state) conditions.push(Prisma.sql`i.state = ${input.state}`);
  if (input.assigneeId) conditions.push(Prisma.sql`i.assignee_id = ${input.assigneeId}::uuid`);
  if (input.search) conditions.push(Prisma.sql`i.title ILIKE ${containsPattern(input.search)}`);
  const after = decodeCursor(ctx.deps.cursors, input.cursor);
  if (after) {
    conditions.push(keysetAfterSql(Prisma.sql`i.created_at, i.id`, "desc", after.at, after.id));
  }
  const where =
    conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const rows = ZRowsSchema.parse(
    await scopedRows(
      ctx.db,
      Prisma.sql`
      SELECT i.id, i.project_id, i.template_id, t.key AS template_key, t.version AS template_version,
             t.name AS template_name, i.title, i.data, i.state, i.version, i.assignee_id, i.state_entered_at,
             i.completed_at, i.created_by_id, i.created_at, i.updated_at
        FROM workflow_instances i
        JOIN workflow_templates t ON t.id = i.template_id
        ${where}
       ORDER BY i.created_at DESC, i.id DESC
       LIMIT ${input.limit + 1}`,
    ),
  );
  const page = toPage(ctx.deps.cursors, rows, input.limit, (row) => ({
    at: row.created_at,
    id: row.id,
  }));
  return { items: page.items.map(toView), nextCursor: page.nextCursor };
}
