import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { webhookManager } from "./webhook_endpoints";

/**
 * Webhook deliveries, written by the worker only; whoever manages the
 * endpoint reads them (the endpoint's project is copied onto each row, so
 * the policy reads no other table).
 */
export const access: TableAccess = defineTableAccess({
  table: "webhook_deliveries",
  grants: {
    [APP_ROLE]: { table: ["SELECT"] },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    { name: "webhook_deliveries_select", command: "select", using: webhookManager("project_id") },
  ],
});
