import { serviceContext } from "@fastnext/core";
import {
  setProjectTemplateEnabled,
  ZProjectTemplateToggleInputSchema,
  ZProjectTemplateViewSchema,
} from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import { projectRole } from "../../../trpc/project-role";

/** Turns an installation template off for the project: its picker and new items refuse it; owners only. */
export const disable = authedProcedure
  .input(ZProjectTemplateToggleInputSchema)
  .use(projectRole("owner"))
  .meta({
    openapi: {
      method: "POST",
      path: "/projects/{projectId}/templates/{templateKey}/disable",
      tags: ["projects"],
      summary: "Turn a workflow template off for a project",
    },
  })
  .output(ZProjectTemplateViewSchema)
  .mutation(({ ctx, input }) => setProjectTemplateEnabled(serviceContext(ctx), input, false));
