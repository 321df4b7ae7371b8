import { ZWorkflowIdInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { publishTemplate } from "../../../services/workflows/templates/lifecycle";
import { ZWorkflowTemplateViewSchema } from "../../../services/workflows/templates/view";
import { permissionProcedure } from "../../../trpc/procedures";

/** BAD_REQUEST "invalid_definition" with every problem when the definition does not hold together. */
export const publish = permissionProcedure("workflow.manage")
  .input(ZWorkflowIdInputSchema)
  .output(ZWorkflowTemplateViewSchema)
  .mutation(({ ctx, input }) => publishTemplate(serviceContext(ctx), input.id));
