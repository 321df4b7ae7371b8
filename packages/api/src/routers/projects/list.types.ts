import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import { ZProjectListFiltersSchema, ZProjectViewSchema } from "@fastnext/core/projects";

export const ZProjectsListInputSchema = ZPageInputSchema.extend(ZProjectListFiltersSchema.shape);

export const ZProjectsListOutputSchema = pageOutputSchema(ZProjectViewSchema);
