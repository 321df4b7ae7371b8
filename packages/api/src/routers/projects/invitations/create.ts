import { serviceContext } from "@fastnext/core";
import { createInvitation, ZProjectInvitationViewSchema } from "@fastnext/core/projects";
import { ZInvitationCreateInputSchema } from "@fastnext/validators";

import { idempotent } from "../../../trpc/idempotent";
import { authedProcedure } from "../../../trpc/procedures";
import { projectRole } from "../../../trpc/project-role";

/** Owner or project.manage_all; the same answer whatever the address is. Raises project.invitation_created. */
export const create = authedProcedure
  .concat(idempotent)
  .input(ZInvitationCreateInputSchema)
  .use(projectRole("owner"))
  .meta({
    openapi: {
      method: "POST",
      path: "/projects/{projectId}/invitations",
      tags: ["projects"],
      summary: "Invite someone to a project by e-mail",
    },
  })
  .output(ZProjectInvitationViewSchema)
  .mutation(({ ctx, input }) => createInvitation(serviceContext(ctx), input));
