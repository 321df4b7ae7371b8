import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { canReadProject } from "../expressions";

/**
 * Per-project member and open-instance counts, written only by triggers on projects,
 * project_members and workflow_instances (definer functions of the system role). The app
 * reads them with the same rule as the rows they count, so a count shows no more than the
 * caller could list; it may not write them.
 */
export const access: TableAccess = defineTableAccess({
  table: "project_counters",
  grants: {
    [APP_ROLE]: { table: ["SELECT"] },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "project_counters_select",
      command: "select",
      using: canReadProject("project_id"),
    },
  ],
});
