import { z } from "zod";

import { Prisma, scopedRows } from "@fastnext/db";
import { ZProjectRoleSchema, ZProjectVisibilitySchema } from "@fastnext/validators";

import { keysetAfterSql } from "../pagination/keyset";
import { decodeCursor, toPage, type Page, type PageInput } from "../pagination/pagination";
import { containsPattern } from "../pagination/search";
import { type ServiceContext } from "../context";
import { type ProjectListFilters } from "./input";
import { type ProjectView } from "./view";

const ZRowsSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    visibility: ZProjectVisibilitySchema,
    archivedAt: z.date().nullable(),
    createdById: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
    myRole: ZProjectRoleSchema.nullable(),
    memberCount: z.number().int(),
    openInstanceCount: z.number().int(),
  }),
);

/**
 * The projects the caller can see: those they are a member of, internal
 * ones, and every one with project.read_all. RLS enforces exactly that; the
 * same rule is spelt out in the query, in the policy's own shape, so intent
 * is readable and the plan does not depend on the policy alone. Newest
 * first, keyset-paginated.
 *
 * One statement. The caller's role is a correlated subquery evaluated for
 * the page's rows only; the counts are the project's row of
 * project_counters (kept by triggers), so RLS checks one row per project
 * instead of every member and open instance counted.
 */
export async function listProjects(
  ctx: ServiceContext,
  input: ProjectListFilters & PageInput,
): Promise<Page<ProjectView>> {
  const { userId, permissions } = ctx.principal;
  const conditions: Prisma.Sql[] = [
    input.archived ? Prisma.sql`p.archived_at IS NOT NULL` : Prisma.sql`p.archived_at IS NULL`,
  ];
  if (!permissions.has("project.read_all")) {
    conditions.push(
      Prisma.sql`(p.id = ANY ((SELECT app.my_project_ids('viewer'))::uuid[]) OR p.visibility = 'internal')`,
    );
  }
  if (input.search) conditions.push(Prisma.sql`p.name ILIKE ${containsPattern(input.search)}`);
  const after = decodeCursor(ctx.deps.cursors, input.cursor);
  if (after) {
    conditions.push(keysetAfterSql(Prisma.sql`p.created_at, p.id`, "desc", after.at, after.id));
  }

  const rows = ZRowsSchema.parse(
    await scopedRows(
      ctx.db,
      Prisma.sql`
      SELECT p.id, p.name, p.description, p.visibility::text AS "visibility", p.archived_at AS "archivedAt",
             p.created_by_id AS "createdById", p.created_at AS "createdAt", p.updated_at AS "updatedAt",
             (SELECT m.role::text FROM project_members m
               WHERE m.project_id = p.id AND m.user_id = ${userId}::uuid) AS "myRole",
             c.member_count AS "memberCount", c.open_instance_count AS "openInstanceCount"
        FROM projects p LEFT JOIN project_counters c ON c.project_id = p.id
       WHERE ${Prisma.join(conditions, " AND ")}
       ORDER BY p.created_at DESC, p.id DESC
       LIMIT ${input.limit + 1}`,
    ),
  );
  return toPage(ctx.deps.cursors, rows, input.limit, (row) => ({ at: row.createdAt, id: row.id }));
}
