import { serviceContext } from "@fastnext/core";
import { removeMember, ZProjectMemberRemoveInputSchema } from "@fastnext/core/projects";

import { authedProcedure } from "../../../trpc/procedures";
import { ZProjectsMembersRemoveOutputSchema } from "./remove.types";

/** Owner or project.manage_all removes anyone; a member may remove themself. */
export const remove = authedProcedure
  .input(ZProjectMemberRemoveInputSchema)
  .meta({
    openapi: {
      method: "DELETE",
      path: "/projects/{projectId}/members/{userId}",
      tags: ["projects"],
      summary: "Remove a member from a project",
    },
  })
  .output(ZProjectsMembersRemoveOutputSchema)
  .mutation(({ ctx, input }) => removeMember(serviceContext(ctx), input));
