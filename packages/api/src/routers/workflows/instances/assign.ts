import { ZWorkflowAssignInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { assignInstance } from "../../../services/workflows/instances/assign";
import { ZWorkflowInstanceViewSchema } from "../../../services/workflows/instances/view";
import { authedProcedure } from "../../../trpc/procedures";

/** Editors and owners (or project.manage_all); raises workflow.assigned. */
export const assign = authedProcedure
  .input(ZWorkflowAssignInputSchema)
  .output(ZWorkflowInstanceViewSchema)
  .mutation(({ ctx, input }) => assignInstance(serviceContext(ctx), input));
