import { serviceContext } from "@fastnext/core";
import { getProject, ZProjectViewSchema } from "@fastnext/core/projects";

import { authedProcedure } from "../../trpc/procedures";
import { ZProjectIdInputSchema } from "./projects.types";

/** One project the caller can see; NOT_FOUND for everything else. */
export const get = authedProcedure
  .input(ZProjectIdInputSchema)
  .meta({
    openapi: { method: "GET", path: "/projects/{id}", tags: ["projects"], summary: "One project" },
  })
  .output(ZProjectViewSchema)
  .query(({ ctx, input }) => getProject(serviceContext(ctx), input.id));
