import { serviceContext } from "@fastnext/core";
import { revokeInvitation, ZInvitationRevokeInputSchema } from "@fastnext/core/projects";

import { authedProcedure } from "../../../trpc/procedures";
import { projectRole } from "../../../trpc/project-role";
import { ZProjectsInvitationsRevokeOutputSchema } from "./revoke.types";

/** Owner or project.manage_all: the link stops working. */
export const revoke = authedProcedure
  .input(ZInvitationRevokeInputSchema)
  .use(projectRole("owner"))
  .meta({
    openapi: {
      method: "DELETE",
      path: "/projects/{projectId}/invitations/{invitationId}",
      tags: ["projects"],
      summary: "Revoke a pending invitation",
    },
  })
  .output(ZProjectsInvitationsRevokeOutputSchema)
  .mutation(({ ctx, input }) => revokeInvitation(serviceContext(ctx), input));
