import { ZInvitationListInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { listInvitations } from "../../../services/projects/invitations/list";
import { ZProjectInvitationViewSchema } from "../../../services/projects/invitations/view";
import { pageOutputSchema, ZPageInputSchema } from "../../../shared/pagination";
import { authedProcedure } from "../../../trpc/procedures";

export const ZInvitationsListInputSchema = ZPageInputSchema.extend(
  ZInvitationListInputSchema.shape,
);

/** Pending invitations, for the project's owners (or project.manage_all). */
export const list = authedProcedure
  .input(ZInvitationsListInputSchema)
  .output(pageOutputSchema(ZProjectInvitationViewSchema))
  .query(({ ctx, input }) => listInvitations(serviceContext(ctx), input));
