import { projectScoped } from "../builders";

/**
 * The column mapping a project remembers per template: whoever reads the
 * project reads it, its editors (who may import) save it, owners delete it.
 */
export const access = projectScoped({ table: "import_mappings" });
