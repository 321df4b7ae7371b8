import { serviceContext } from "@fastnext/core";
import { updateMemberRole, ZProjectMemberViewSchema } from "@fastnext/core/projects";
import { ZProjectMemberInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";
import { projectRole } from "../../../trpc/project-role";

/** Owner or project.manage_all; the last owner cannot be demoted. */
export const updateRole = authedProcedure
  .input(ZProjectMemberInputSchema)
  .use(projectRole("owner"))
  .meta({
    openapi: {
      method: "PATCH",
      path: "/projects/{projectId}/members/{userId}",
      tags: ["projects"],
      summary: "Change a member's role",
    },
  })
  .output(ZProjectMemberViewSchema)
  .mutation(({ ctx, input }) => updateMemberRole(serviceContext(ctx), input));
