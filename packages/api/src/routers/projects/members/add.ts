import { serviceContext } from "@fastnext/core";
import { addMember, ZProjectMemberViewSchema } from "@fastnext/core/projects";
import { ZProjectMemberInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";
import { projectRole } from "../../../trpc/project-role";

/** Owner or project.manage_all; raises project.member_added. */
export const add = authedProcedure
  .input(ZProjectMemberInputSchema)
  .use(projectRole("owner"))
  .meta({
    openapi: {
      method: "POST",
      path: "/projects/{projectId}/members",
      tags: ["projects"],
      summary: "Add a member to a project",
    },
  })
  .output(ZProjectMemberViewSchema)
  .mutation(({ ctx, input }) => addMember(serviceContext(ctx), input));
