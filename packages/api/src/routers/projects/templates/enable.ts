import { serviceContext } from "@fastnext/core";
import {
  setProjectTemplateEnabled,
  ZProjectTemplateToggleInputSchema,
  ZProjectTemplateViewSchema,
} from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import { projectRole } from "../../../trpc/project-role";

/** Turns an installation template back on for the project; owners only. */
export const enable = authedProcedure
  .input(ZProjectTemplateToggleInputSchema)
  .use(projectRole("owner"))
  .meta({
    openapi: {
      method: "POST",
      path: "/projects/{projectId}/templates/{templateKey}/enable",
      tags: ["projects"],
      summary: "Turn a workflow template on for a project",
    },
  })
  .output(ZProjectTemplateViewSchema)
  .mutation(({ ctx, input }) => setProjectTemplateEnabled(serviceContext(ctx), input, true));
