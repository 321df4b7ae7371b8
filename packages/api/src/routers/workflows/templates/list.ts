import { serviceContext } from "@fastnext/core";
import { listTemplates } from "@fastnext/core/workflows";
import { authedProcedure } from "../../../trpc/procedures";
import {
  ZWorkflowsTemplatesListInputSchema,
  ZWorkflowsTemplatesListOutputSchema,
} from "./list.types";

/** Template versions without their definitions, newest first. */
export const list = authedProcedure
  .input(ZWorkflowsTemplatesListInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/workflows/templates",
      tags: ["workflows"],
      summary: "List workflow template versions",
    },
  })
  .output(ZWorkflowsTemplatesListOutputSchema)
  .query(({ ctx, input }) => listTemplates(serviceContext(ctx), input));
