import { serviceContext } from "@fastnext/core";
import {
  assignInstance,
  ZWorkflowAssignInputSchema,
  ZWorkflowInstanceViewSchema,
} from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";

/** Editors and owners (or project.manage_all); raises workflow.assigned. */
export const assign = authedProcedure
  .input(ZWorkflowAssignInputSchema)
  .meta({
    openapi: {
      method: "PUT",
      path: "/workflows/instances/{instanceId}/assignee",
      tags: ["workflows"],
      summary: "Assign or unassign a workflow instance",
    },
  })
  .output(ZWorkflowInstanceViewSchema)
  .mutation(({ ctx, input }) => assignInstance(serviceContext(ctx), input));
