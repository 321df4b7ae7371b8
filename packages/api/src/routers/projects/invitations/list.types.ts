import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import { ZProjectInvitationViewSchema } from "@fastnext/core/projects";
import { ZInvitationListInputSchema } from "@fastnext/validators";

export const ZProjectsInvitationsListInputSchema = ZPageInputSchema.extend(
  ZInvitationListInputSchema.shape,
);

export const ZProjectsInvitationsListOutputSchema = pageOutputSchema(ZProjectInvitationViewSchema);
