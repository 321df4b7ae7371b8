import { serviceContext } from "@fastnext/core";
import { listInvitations } from "@fastnext/core/projects";
import { authedProcedure } from "../../../trpc/procedures";
import { projectRole } from "../../../trpc/project-role";
import {
  ZProjectsInvitationsListInputSchema,
  ZProjectsInvitationsListOutputSchema,
} from "./list.types";

/** Pending invitations, for the project's owners (or project.manage_all). */
export const list = authedProcedure
  .input(ZProjectsInvitationsListInputSchema)
  .use(projectRole("owner"))
  .meta({
    openapi: {
      method: "GET",
      path: "/projects/{projectId}/invitations",
      tags: ["projects"],
      summary: "A project's pending invitations",
    },
  })
  .output(ZProjectsInvitationsListOutputSchema)
  .query(({ ctx, input }) => listInvitations(serviceContext(ctx), input));
