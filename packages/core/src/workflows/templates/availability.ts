import { z } from "zod";

import { Prisma, scopedRows, type ScopedDb } from "@fastnext/db";

import { AppError } from "../../errors";
import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { type ProjectTemplateToggleInput } from "./input";
import { ZProjectTemplateViewSchema, type ProjectTemplateView } from "./view";

const ZRowsSchema = z.array(
  z.object({
    key: z.string(),
    name: z.string(),
    typeId: z.string(),
    projectId: z.string().nullable(),
    latestId: z.string(),
    latestVersion: z.number().int(),
    latestStatus: z.enum(["draft", "published", "archived"]),
    publishedId: z.string().nullable(),
    publishedVersion: z.number().int().nullable(),
    disabled: z.boolean(),
  }),
);

/**
 * One row per template key the project may use: every installation-wide
 * key and the project's own, each with its newest version and its newest
 * published one. A key's versions share its scope, so DISTINCT ON (key)
 * picks within one scope. One statement, whatever the number of keys; the
 * list is not paged because it is what a picker and a settings page show
 * whole, and an installation has tens of processes, not thousands.
 */
async function templateRows(db: ScopedDb, projectId: string, key?: string) {
  const onlyKey = key === undefined ? Prisma.empty : Prisma.sql`AND t.key = ${key}`;
  return ZRowsSchema.parse(
    await scopedRows(
      db,
      Prisma.sql`
      SELECT DISTINCT ON (t.key)
             t.key, t.name, t.type_id AS "typeId", t.project_id AS "projectId",
             t.id AS "latestId", t.version AS "latestVersion", t.status::text AS "latestStatus",
             p.id AS "publishedId", p.version AS "publishedVersion",
             (d.template_key IS NOT NULL) AS disabled
        FROM workflow_templates t
        LEFT JOIN LATERAL (
               SELECT v.id, v.version FROM workflow_templates v
                WHERE v.key = t.key AND v.status = 'published'
                ORDER BY v.version DESC LIMIT 1) p ON true
        LEFT JOIN project_disabled_templates d
               ON d.project_id = ${projectId}::uuid AND d.template_key = t.key
       WHERE (t.project_id IS NULL OR t.project_id = ${projectId}::uuid) ${onlyKey}
       ORDER BY t.key, t.version DESC`,
    ),
  );
}

function toView(row: z.infer<typeof ZRowsSchema>[number]): ProjectTemplateView {
  const scope = row.projectId === null ? "installation" : "project";
  const enabled = scope === "project" || !row.disabled;
  return ZProjectTemplateViewSchema.parse({
    key: row.key,
    name: row.name,
    typeId: row.typeId,
    scope,
    latest: { id: row.latestId, version: row.latestVersion, status: row.latestStatus },
    published:
      row.publishedId === null || row.publishedVersion === null
        ? null
        : { id: row.publishedId, version: row.publishedVersion },
    enabled,
    usable: enabled && row.publishedId !== null,
  });
}

/**
 * The templates a project may use, by key, sorted by name: the
 * installation's (each with the owners' switch) and the project's own
 * (always on). The caller's right to read the project is checked by the
 * procedure (projectRole).
 */
export async function listProjectTemplates(
  ctx: ServiceContext,
  projectId: string,
): Promise<ProjectTemplateView[]> {
  const rows = await templateRows(ctx.db, projectId);
  return rows
    .map(toView)
    .sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}

/**
 * The key of the template the project's newest item started on, or null
 * for a project without items: what a board opens on when no template is
 * asked for, so a project that uses one process shows it at once. One row
 * read through the (project, created) index.
 */
export async function latestItemTemplateKey(
  ctx: ServiceContext,
  projectId: string,
): Promise<string | null> {
  const item = await ctx.db.workflowInstance.findFirst({
    where: { projectId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { template: { select: { key: true } } },
  });
  return item?.template.key ?? null;
}

/**
 * Whether instances of this project may start on an installation template:
 * false once the project's owners turned it off. Templates of the project
 * itself are always on.
 */
export async function isTemplateDisabled(
  db: ScopedDb,
  projectId: string,
  templateKey: string,
): Promise<boolean> {
  const row = await db.projectDisabledTemplate.findUnique({
    where: { projectId_templateKey: { projectId, templateKey } },
    select: { templateKey: true },
  });
  return row !== null;
}

/**
 * Turns an installation template on or off for one project (its owners, by
 * the procedure's projectRole). Setting what is already set writes nothing
 * and answers the same. A key the project cannot use at all is NOT_FOUND; a
 * template of the project itself has no switch.
 */
export async function setProjectTemplateEnabled(
  ctx: ServiceContext,
  input: ProjectTemplateToggleInput,
  enabled: boolean,
): Promise<ProjectTemplateView> {
  const { db } = ctx;
  const [row] = await templateRows(db, input.projectId, input.templateKey);
  if (!row) {
    throw new AppError("NOT_FOUND", "No such workflow template", {
      reason: "template_not_found",
      fieldErrors: { templateKey: ["No such template"] },
    });
  }
  if (row.projectId !== null) {
    throw new AppError(
      "PRECONDITION_FAILED",
      "The project's own templates are always available to it; archive one to retire it",
      { reason: "project_template_always_enabled" },
    );
  }
  if (row.disabled === !enabled) return toView(row);
  if (enabled) {
    await db.projectDisabledTemplate.deleteMany({
      where: { projectId: input.projectId, templateKey: input.templateKey },
    });
  } else {
    await db.projectDisabledTemplate.create({
      data: {
        projectId: input.projectId,
        templateKey: input.templateKey,
        createdById: ctx.principal.userId,
      },
      select: { templateKey: true },
    });
  }
  await recordActivity(db, ctx.actor, {
    action: enabled ? "project.template_enable" : "project.template_disable",
    entityType: "project",
    entityId: input.projectId,
    before: { templateKey: input.templateKey, enabled: !enabled },
    after: { templateKey: input.templateKey, enabled },
  });
  return toView({ ...row, disabled: !enabled });
}
