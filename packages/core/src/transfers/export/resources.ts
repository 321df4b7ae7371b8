import { z } from "zod";

import { Prisma, scopedRows, type ScopedDb } from "@fastnext/db";
import { describeActivity, type ExportResource } from "@fastnext/validators";

import { toCell, toJson, type ExportCell, type ExportJson } from "./cells";

/** How one resource is read and laid out; the same for every format. */
export interface ExportLayout {
  /** Column headers of the flat formats. */
  headers: string[];
  /** Rows the export will hold (a count in the same scope, for progress). */
  total: number;
  /** The one SELECT the cursor reads, ordered so a file is the same every time. */
  query: Prisma.Sql;
  /** A fetched row as one flat record, in the order of `headers`. */
  flat(row: unknown): ExportCell[];
  /** A fetched row as one JSON object. */
  nested(row: unknown): { [key: string]: ExportJson };
}

export interface ExportScope {
  projectId: string | null;
}

const date = z.date();
const nullableDate = z.date().nullable();

async function countOf(tx: ScopedDb, query: Prisma.Sql): Promise<number> {
  const [row] = z
    .array(z.object({ n: z.coerce.number().int() }))
    .parse(await scopedRows(tx, Prisma.sql`SELECT count(*) AS n FROM (${query}) counted`));
  return row?.n ?? 0;
}

const ZProjectRow = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  visibility: z.string(),
  my_role: z.string().nullable(),
  archived_at: nullableDate,
  created_at: date,
  updated_at: date,
});

async function projects(tx: ScopedDb, userId: string): Promise<ExportLayout> {
  const query = Prisma.sql`
    SELECT p.id, p.name, p.description, p.visibility::text AS visibility,
           (SELECT m.role::text FROM project_members m
             WHERE m.project_id = p.id AND m.user_id = ${userId}::uuid) AS my_role,
           p.archived_at, p.created_at, p.updated_at
      FROM projects p
     ORDER BY p.created_at, p.id`;
  return {
    headers: [
      "id",
      "name",
      "description",
      "visibility",
      "my_role",
      "archived_at",
      "created_at",
      "updated_at",
    ],
    total: await countOf(tx, query),
    query,
    flat(raw) {
      const r = ZProjectRow.parse(raw);
      return [
        r.id,
        r.name,
        r.description,
        r.visibility,
        r.my_role,
        r.archived_at,
        r.created_at,
        r.updated_at,
      ].map(toCell);
    },
    nested(raw) {
      const r = ZProjectRow.parse(raw);
      return {
        id: r.id,
        name: r.name,
        description: r.description,
        visibility: r.visibility,
        myRole: r.my_role,
        archivedAt: toJson(r.archived_at),
        createdAt: toJson(r.created_at),
        updatedAt: toJson(r.updated_at),
      };
    },
  };
}

const ZInstanceRow = z.object({
  id: z.string(),
  title: z.string(),
  state: z.string(),
  template_key: z.string(),
  template_version: z.number().int(),
  assignee_id: z.string().nullable(),
  assignee_email: z.string().nullable(),
  assignee_name: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  history: z.array(z.record(z.string(), z.unknown())).nullable(),
  state_entered_at: date,
  completed_at: nullableDate,
  created_at: date,
  updated_at: date,
});

/** One history step as text for a cell: "2026-01-02T03:04:05.000Z open→done (finish) by ann@x: comment". */
function historyText(step: Record<string, unknown>): string {
  const at = typeof step.at === "string" ? step.at : "";
  const from = typeof step.from === "string" ? step.from : "";
  const move = from ? `${from}→${String(step.to)}` : `created in ${String(step.to)}`;
  const transition = typeof step.transition === "string" ? ` (${step.transition})` : "";
  const actor = typeof step.actor === "string" ? ` by ${step.actor}` : "";
  const comment = typeof step.comment === "string" && step.comment ? `: ${step.comment}` : "";
  return `${at} ${move}${transition}${actor}${comment}`;
}

async function workflowInstances(tx: ScopedDb, projectId: string): Promise<ExportLayout> {
  // The data fields any item of the project has, as columns of their own.
  const keys = z
    .array(z.object({ key: z.string() }))
    .parse(
      await scopedRows(
        tx,
        Prisma.sql`SELECT DISTINCT jsonb_object_keys(data) AS key FROM workflow_instances
                    WHERE project_id = ${projectId}::uuid AND jsonb_typeof(data) = 'object' ORDER BY key`,
      ),
    )
    .map((row) => row.key);
  const query = Prisma.sql`
    SELECT i.id, i.title, i.state, t.key AS template_key, t.version AS template_version,
           i.assignee_id, a.email AS assignee_email, a.name AS assignee_name, i.data,
           (SELECT json_agg(json_build_object(
                     'at', h.created_at, 'from', h.from_state, 'to', h.to_state,
                     'transition', h.transition_key, 'actor', hu.email, 'comment', h.comment)
                   ORDER BY h.created_at, h.id)
              FROM workflow_history h LEFT JOIN users hu ON hu.id = h.actor_id
             WHERE h.instance_id = i.id AND h.project_id = i.project_id) AS history,
           i.state_entered_at, i.completed_at, i.created_at, i.updated_at
      FROM workflow_instances i
      JOIN workflow_templates t ON t.id = i.template_id
      LEFT JOIN users a ON a.id = i.assignee_id
     WHERE i.project_id = ${projectId}::uuid
     ORDER BY i.created_at, i.id`;
  return {
    headers: [
      "id",
      "title",
      "state",
      "template",
      "template_version",
      "assignee_email",
      "assignee_name",
      ...keys.map((key) => `data.${key}`),
      "history",
      "state_entered_at",
      "completed_at",
      "created_at",
      "updated_at",
    ],
    total: await countOf(
      tx,
      Prisma.sql`SELECT 1 FROM workflow_instances WHERE project_id = ${projectId}::uuid`,
    ),
    query,
    flat(raw) {
      const r = ZInstanceRow.parse(raw);
      const data = r.data ?? {};
      return [
        toCell(r.id),
        toCell(r.title),
        toCell(r.state),
        toCell(r.template_key),
        r.template_version,
        toCell(r.assignee_email),
        toCell(r.assignee_name),
        ...keys.map((key) => toCell(data[key])),
        toCell((r.history ?? []).map(historyText).join("\n")),
        r.state_entered_at,
        r.completed_at,
        r.created_at,
        r.updated_at,
      ];
    },
    nested(raw) {
      const r = ZInstanceRow.parse(raw);
      return {
        id: r.id,
        title: r.title,
        state: r.state,
        template: r.template_key,
        templateVersion: r.template_version,
        assignee: r.assignee_id
          ? { id: r.assignee_id, email: r.assignee_email, name: r.assignee_name }
          : null,
        data: toJson(r.data ?? {}),
        history: toJson(r.history ?? []),
        stateEnteredAt: toJson(r.state_entered_at),
        completedAt: toJson(r.completed_at),
        createdAt: toJson(r.created_at),
        updatedAt: toJson(r.updated_at),
      };
    },
  };
}

const ZActivityRow = z.object({
  id: z.string(),
  created_at: date,
  action: z.string(),
  entity_type: z.string(),
  entity_id: z.string().nullable(),
  actor_id: z.string().nullable(),
  actor_email: z.string().nullable(),
  changes: z.unknown(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  request_id: z.string().nullable(),
});

const ZChanges = z
  .object({ before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()) })
  .nullable()
  .catch(null);

async function activities(tx: ScopedDb): Promise<ExportLayout> {
  const query = Prisma.sql`
    SELECT a.id, a.created_at, a.action, a.entity_type, a.entity_id, a.actor_id,
           u.email AS actor_email, a.changes, a.ip, a.user_agent, a.request_id
      FROM activities a LEFT JOIN users u ON u.id = a.actor_id
     ORDER BY a.created_at, a.id`;
  const sentence = (r: z.infer<typeof ZActivityRow>) =>
    describeActivity({ action: r.action, changes: ZChanges.parse(r.changes) });
  return {
    headers: [
      "id",
      "created_at",
      "actor_email",
      "action",
      "description",
      "entity_type",
      "entity_id",
      "changes",
      "ip",
      "user_agent",
      "request_id",
    ],
    total: await countOf(tx, query),
    query,
    flat(raw) {
      const r = ZActivityRow.parse(raw);
      return [
        r.id,
        r.created_at,
        r.actor_email,
        r.action,
        sentence(r),
        r.entity_type,
        r.entity_id,
        r.changes,
        r.ip,
        r.user_agent,
        r.request_id,
      ].map(toCell);
    },
    nested(raw) {
      const r = ZActivityRow.parse(raw);
      return {
        id: r.id,
        createdAt: toJson(r.created_at),
        actor: r.actor_id ? { id: r.actor_id, email: r.actor_email } : null,
        action: r.action,
        description: sentence(r),
        entityType: r.entity_type,
        entityId: r.entity_id,
        changes: toJson(r.changes),
        ip: r.ip,
        userAgent: r.user_agent,
        requestId: r.request_id,
      };
    },
  };
}

const ZUserRow = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  is_active: z.boolean(),
  is_superuser: z.boolean(),
  roles: z.array(z.string()),
  locale: z.string(),
  time_zone: z.string(),
  two_factor_enabled: z.boolean(),
  last_login_at: nullableDate,
  created_at: date,
});

async function users(tx: ScopedDb): Promise<ExportLayout> {
  // Named columns only: the app role may not read the secrets of anyone.
  const query = Prisma.sql`
    SELECT u.id, u.email, u.name, u.is_active, u.is_superuser,
           ARRAY(SELECT r.key FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                  WHERE ur.user_id = u.id ORDER BY r.key) AS roles,
           u.locale, u.time_zone, u.two_factor_enabled, u.last_login_at, u.created_at
      FROM users u
     ORDER BY u.created_at, u.id`;
  return {
    headers: [
      "id",
      "email",
      "name",
      "is_active",
      "is_superuser",
      "roles",
      "locale",
      "time_zone",
      "two_factor_enabled",
      "last_login_at",
      "created_at",
    ],
    total: await countOf(tx, query),
    query,
    flat(raw) {
      const r = ZUserRow.parse(raw);
      return [
        r.id,
        r.email,
        r.name,
        r.is_active,
        r.is_superuser,
        r.roles.join(", "),
        r.locale,
        r.time_zone,
        r.two_factor_enabled,
        r.last_login_at,
        r.created_at,
      ].map(toCell);
    },
    nested(raw) {
      const r = ZUserRow.parse(raw);
      return {
        id: r.id,
        email: r.email,
        name: r.name,
        isActive: r.is_active,
        isSuperuser: r.is_superuser,
        roles: r.roles,
        locale: r.locale,
        timeZone: r.time_zone,
        twoFactorEnabled: r.two_factor_enabled,
        lastLoginAt: toJson(r.last_login_at),
        createdAt: toJson(r.created_at),
      };
    },
  };
}

/** The layout of `resource` in the requester's scope (what RLS lets them read). */
export function exportLayout(
  tx: ScopedDb,
  resource: ExportResource,
  scope: ExportScope & { userId: string },
): Promise<ExportLayout> {
  switch (resource) {
    case "projects":
      return projects(tx, scope.userId);
    case "workflow_instances":
      if (!scope.projectId) throw new Error("an export of items names its project");
      return workflowInstances(tx, scope.projectId);
    case "activities":
      return activities(tx);
    case "users":
      return users(tx);
  }
}
