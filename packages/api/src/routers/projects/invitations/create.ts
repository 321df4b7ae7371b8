import { ZInvitationCreateInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { createInvitation } from "../../../services/projects/invitations/create";
import { ZProjectInvitationViewSchema } from "../../../services/projects/invitations/view";
import { idempotent } from "../../../trpc/idempotent";
import { authedProcedure } from "../../../trpc/procedures";

/** Owner or project.manage_all; the same answer whatever the address is. Raises project.invitation_created. */
export const create = authedProcedure
  .concat(idempotent)
  .input(ZInvitationCreateInputSchema)
  .output(ZProjectInvitationViewSchema)
  .mutation(({ ctx, input }) => createInvitation(serviceContext(ctx), input));
