import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { hasPermission, inMyProjects, isCurrentUser } from "../expressions";

/**
 * Who manages an endpoint: holders of `webhook.manage` every one; a
 * project's owners (and `project.manage_all`) those of their project.
 * Installation-wide endpoints (no project) are `webhook.manage`'s alone.
 */
export const webhookManager = (column: string) =>
  `${hasPermission("webhook.manage")} OR (${inMyProjects(column, "owner")} OR ${hasPermission("project.manage_all")}) AND "${column}" IS NOT NULL`;

const manager = webhookManager("project_id");

/**
 * Webhook endpoints. The app may write the sealed signing secrets but never
 * read them back (no SELECT on those columns): only the worker, which
 * signs, opens them. A rotation writes the new secret and the old one's
 * expiry; a trigger moves the old one to `previous_secret`. An endpoint's
 * project never changes (no UPDATE on it).
 */
export const access: TableAccess = defineTableAccess({
  table: "webhook_endpoints",
  grants: {
    [APP_ROLE]: {
      table: ["INSERT", "DELETE"],
      columns: {
        SELECT: [
          "consecutive_failures",
          "created_at",
          "created_by_id",
          "description",
          "disabled_at",
          "disabled_reason",
          "enabled",
          "events",
          "id",
          "previous_secret_expires_at",
          "project_id",
          "updated_at",
          "url",
        ],
        UPDATE: [
          "consecutive_failures",
          "description",
          "disabled_at",
          "disabled_reason",
          "enabled",
          "events",
          "previous_secret_expires_at",
          "secret",
          "updated_at",
          "url",
        ],
      },
    },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    { name: "webhook_endpoints_select", command: "select", using: manager },
    {
      name: "webhook_endpoints_insert",
      command: "insert",
      withCheck: `(${manager}) AND ${isCurrentUser("created_by_id")}`,
    },
    { name: "webhook_endpoints_update", command: "update", using: manager, withCheck: manager },
    { name: "webhook_endpoints_delete", command: "delete", using: manager },
  ],
});
