import { serviceContext } from "@fastnext/core";
import { listProjects } from "@fastnext/core/projects";

import { authedProcedure } from "../../trpc/procedures";
import { ZProjectsListInputSchema, ZProjectsListOutputSchema } from "./list.types";

/** Projects the caller can see (member, internal, or project.read_all), newest first. */
export const list = authedProcedure
  .input(ZProjectsListInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/projects",
      tags: ["projects"],
      summary: "Projects the caller can see",
    },
  })
  .output(ZProjectsListOutputSchema)
  .query(({ ctx, input }) => listProjects(serviceContext(ctx), input));
