import { serviceContext } from "@fastnext/core";
import {
  getImportMapping,
  ZImportMappingInputSchema,
  ZImportMappingViewSchema,
} from "@fastnext/core/transfers";

import { authedProcedure } from "../../../trpc/procedures";
import { projectRole } from "../../../trpc/project-role";

/** The columns the project's last import into a template used; anyone who sees the project. */
export const mapping = authedProcedure
  .input(ZImportMappingInputSchema)
  .use(projectRole("viewer"))
  .meta({
    openapi: {
      method: "GET",
      path: "/transfers/imports/mapping",
      tags: ["transfers"],
      summary: "The column mapping remembered for a project's template",
    },
  })
  .output(ZImportMappingViewSchema)
  .query(({ ctx, input }) => getImportMapping(serviceContext(ctx), input));
