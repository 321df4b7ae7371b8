import { serviceContext } from "@fastnext/core";
import { listInstances } from "@fastnext/core/workflows";
import { authedProcedure } from "../../../trpc/procedures";
import {
  ZWorkflowsInstancesListInputSchema,
  ZWorkflowsInstancesListOutputSchema,
} from "./list.types";

export const list = authedProcedure
  .input(ZWorkflowsInstancesListInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/workflows/instances",
      tags: ["workflows"],
      summary: "List workflow instances",
    },
  })
  .output(ZWorkflowsInstancesListOutputSchema)
  .query(({ ctx, input }) => listInstances(serviceContext(ctx), input));
