import { ZWorkflowAnalyticsInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { analyticsSummary, ZAnalyticsSummarySchema } from "../../../services/workflows/analytics";
import { authedProcedure } from "../../../trpc/procedures";

/** Over the instances the caller can see. */
export const summary = authedProcedure
  .input(ZWorkflowAnalyticsInputSchema)
  .output(ZAnalyticsSummarySchema)
  .query(({ ctx, input }) => analyticsSummary(serviceContext(ctx), input));
