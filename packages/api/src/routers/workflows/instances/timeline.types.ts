import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import { ZTimelineEntrySchema } from "@fastnext/core/workflows";

import { ZWorkflowInstanceIdInputSchema } from "./instances.types";

export const ZWorkflowsInstancesTimelineInputSchema = ZPageInputSchema.extend(
  ZWorkflowInstanceIdInputSchema.shape,
);

export const ZWorkflowsInstancesTimelineOutputSchema = pageOutputSchema(ZTimelineEntrySchema);
