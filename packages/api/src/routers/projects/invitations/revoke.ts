import { serviceContext } from "@fastnext/core";
import { revokeInvitation, ZInvitationRevokeInputSchema } from "@fastnext/core/projects";

import { authedProcedure } from "../../../trpc/procedures";
import { projectRole } from "../../../trpc/project-role";
import { ZProjectsInvitationsRevokeOutputSchema } from "./revoke.types";

/** Owner or project.manage_all: the link stops working. */
export const revoke = authedProcedure
  .input(ZInvitationRevokeInputSchema)
  .use(projectRole("owner"))
  .output(ZProjectsInvitationsRevokeOutputSchema)
  .mutation(({ ctx, input }) => revokeInvitation(serviceContext(ctx), input));
