import { serviceContext } from "@fastnext/core";
import { listWorkflowTypes } from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import { ZWorkflowsTypesListInputSchema, ZWorkflowsTypesListOutputSchema } from "./list.types";

export const list = authedProcedure
  .input(ZWorkflowsTypesListInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/workflows/types",
      tags: ["workflows"],
      summary: "List workflow types",
    },
  })
  .output(ZWorkflowsTypesListOutputSchema)
  .query(({ ctx, input }) => listWorkflowTypes(serviceContext(ctx), input));
