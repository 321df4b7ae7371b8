import { TABLE_PRIVILEGES } from "../access";
import { publicRead } from "../builders";

/** Workflow types: every signed-in user reads them, `workflow.manage` writes them. */
export const access = publicRead({
  table: "workflow_types",
  writePermission: "workflow.manage",
  system: TABLE_PRIVILEGES,
});
