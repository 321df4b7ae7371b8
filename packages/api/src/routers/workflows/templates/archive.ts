import { ZWorkflowIdInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { archiveTemplate } from "../../../services/workflows/templates/lifecycle";
import { ZWorkflowTemplateViewSchema } from "../../../services/workflows/templates/view";
import { permissionProcedure } from "../../../trpc/procedures";

export const archive = permissionProcedure("workflow.manage")
  .input(ZWorkflowIdInputSchema)
  .output(ZWorkflowTemplateViewSchema)
  .mutation(({ ctx, input }) => archiveTemplate(serviceContext(ctx), input.id));
