import { pageOutputSchema, serviceContext, ZPageInputSchema } from "@fastnext/core";
import { listInvitations, ZProjectInvitationViewSchema } from "@fastnext/core/projects";
import { ZInvitationListInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";
import { projectRole } from "../../../trpc/project-role";

export const ZInvitationsListInputSchema = ZPageInputSchema.extend(
  ZInvitationListInputSchema.shape,
);

/** Pending invitations, for the project's owners (or project.manage_all). */
export const list = authedProcedure
  .input(ZInvitationsListInputSchema)
  .use(projectRole("owner"))
  .output(pageOutputSchema(ZProjectInvitationViewSchema))
  .query(({ ctx, input }) => listInvitations(serviceContext(ctx), input));
