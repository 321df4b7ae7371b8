import { pageOutputSchema } from "@fastnext/core";
import { ZRoleViewSchema } from "@fastnext/core/admin";

export const ZAdminRolesListOutputSchema = pageOutputSchema(ZRoleViewSchema);
