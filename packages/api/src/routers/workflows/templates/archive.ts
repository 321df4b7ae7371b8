import { serviceContext } from "@fastnext/core";
import { archiveTemplate, ZWorkflowTemplateViewSchema } from "@fastnext/core/workflows";

import { permissionProcedure } from "../../../trpc/procedures";
import { ZWorkflowIdInputSchema } from "../workflows.types";

export const archive = permissionProcedure("workflow.manage")
  .input(ZWorkflowIdInputSchema)
  .output(ZWorkflowTemplateViewSchema)
  .mutation(({ ctx, input }) => archiveTemplate(serviceContext(ctx), input.id));
