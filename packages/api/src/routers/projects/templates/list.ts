import { serviceContext } from "@fastnext/core";
import {
  latestItemTemplateKey,
  listProjectTemplates,
  ZProjectTemplateListInputSchema,
} from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import { projectRole } from "../../../trpc/project-role";
import { ZProjectsTemplatesListOutputSchema } from "./list.types";

/** The templates the project may use, each with its owners' switch; anyone who sees the project. */
export const list = authedProcedure
  .input(ZProjectTemplateListInputSchema)
  .use(projectRole("viewer"))
  .meta({
    openapi: {
      method: "GET",
      path: "/projects/{projectId}/templates",
      tags: ["projects"],
      summary: "The workflow templates a project may use",
    },
  })
  .output(ZProjectsTemplatesListOutputSchema)
  .query(async ({ ctx, input }) => {
    const service = serviceContext(ctx);
    return {
      items: await listProjectTemplates(service, input.projectId),
      latestItemKey: await latestItemTemplateKey(service, input.projectId),
    };
  });
