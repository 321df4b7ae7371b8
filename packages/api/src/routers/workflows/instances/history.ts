import { serviceContext } from "@fastnext/core";
import { listHistory } from "@fastnext/core/workflows";
import { authedProcedure } from "../../../trpc/procedures";
import {
  ZWorkflowsInstancesHistoryInputSchema,
  ZWorkflowsInstancesHistoryOutputSchema,
} from "./history.types";

export const history = authedProcedure
  .input(ZWorkflowsInstancesHistoryInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/workflows/instances/{instanceId}/history",
      tags: ["workflows"],
      summary: "A workflow instance's transitions, oldest first",
    },
  })
  .output(ZWorkflowsInstancesHistoryOutputSchema)
  .query(({ ctx, input }) => listHistory(serviceContext(ctx), input));
