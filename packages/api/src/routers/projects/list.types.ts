import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import { ZProjectViewSchema } from "@fastnext/core/projects";
import { ZProjectListFiltersSchema } from "@fastnext/validators";

export const ZProjectsListInputSchema = ZPageInputSchema.extend(ZProjectListFiltersSchema.shape);

export const ZProjectsListOutputSchema = pageOutputSchema(ZProjectViewSchema);
