import { serviceContext } from "@fastnext/core";
import {
  analyticsSummary,
  ZAnalyticsSummarySchema,
  ZWorkflowAnalyticsInputSchema,
} from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";

/** Over the instances the caller can see. */
export const summary = authedProcedure
  .input(ZWorkflowAnalyticsInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/workflows/analytics/summary",
      tags: ["workflows"],
      summary: "Counts and durations per state of a template",
    },
  })
  .output(ZAnalyticsSummarySchema)
  .query(({ ctx, input }) => analyticsSummary(serviceContext(ctx), input));
