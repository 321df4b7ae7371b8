import { serviceContext } from "@fastnext/core";
import { listTimeline } from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import {
  ZWorkflowsInstancesTimelineInputSchema,
  ZWorkflowsInstancesTimelineOutputSchema,
} from "./timeline.types";

/** The item's transitions and comments together, oldest first. */
export const timeline = authedProcedure
  .input(ZWorkflowsInstancesTimelineInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/workflows/instances/{instanceId}/timeline",
      tags: ["workflows"],
      summary: "A workflow instance's transitions and comments, oldest first",
    },
  })
  .output(ZWorkflowsInstancesTimelineOutputSchema)
  .query(({ ctx, input }) => listTimeline(serviceContext(ctx), input));
