import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import { ZHistoryEntryViewSchema } from "@fastnext/core/workflows";

import { ZWorkflowInstanceIdInputSchema } from "./instances.types";

export const ZWorkflowsInstancesHistoryInputSchema = ZPageInputSchema.extend(
  ZWorkflowInstanceIdInputSchema.shape,
);

export const ZWorkflowsInstancesHistoryOutputSchema = pageOutputSchema(ZHistoryEntryViewSchema);
