import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import { ZProjectMemberViewSchema } from "@fastnext/core/projects";
import { ZProjectMembersListFiltersSchema } from "@fastnext/validators";

export const ZProjectsMembersListInputSchema = ZPageInputSchema.extend(
  ZProjectMembersListFiltersSchema.shape,
);

export const ZProjectsMembersListOutputSchema = pageOutputSchema(ZProjectMemberViewSchema);
