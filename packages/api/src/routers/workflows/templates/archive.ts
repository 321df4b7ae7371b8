import { serviceContext } from "@fastnext/core";
import { archiveTemplate, ZWorkflowTemplateViewSchema } from "@fastnext/core/workflows";
import { ZWorkflowIdInputSchema } from "@fastnext/validators";

import { permissionProcedure } from "../../../trpc/procedures";

export const archive = permissionProcedure("workflow.manage")
  .input(ZWorkflowIdInputSchema)
  .output(ZWorkflowTemplateViewSchema)
  .mutation(({ ctx, input }) => archiveTemplate(serviceContext(ctx), input.id));
