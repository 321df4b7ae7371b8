import { serviceContext } from "@fastnext/core";
import { listMembers } from "@fastnext/core/projects";

import { authedProcedure } from "../../../trpc/procedures";
import { projectRole } from "../../../trpc/project-role";
import { ZProjectsMembersListInputSchema, ZProjectsMembersListOutputSchema } from "./list.types";

/** Anyone who can see the project sees who is in it. */
export const list = authedProcedure
  .input(ZProjectsMembersListInputSchema)
  .use(projectRole("viewer"))
  .meta({
    openapi: {
      method: "GET",
      path: "/projects/{projectId}/members",
      tags: ["projects"],
      summary: "A project's members",
    },
  })
  .output(ZProjectsMembersListOutputSchema)
  .query(({ ctx, input }) => listMembers(serviceContext(ctx), input));
