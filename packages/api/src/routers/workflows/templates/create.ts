import { ZWorkflowTemplateCreateInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { ZWorkflowTemplateViewSchema } from "../../../services/workflows/templates/view";
import { createTemplate } from "../../../services/workflows/templates/write";
import { permissionProcedure } from "../../../trpc/procedures";

/** A new template key, version 1, as a draft. */
export const create = permissionProcedure("workflow.manage")
  .input(ZWorkflowTemplateCreateInputSchema)
  .output(ZWorkflowTemplateViewSchema)
  .mutation(({ ctx, input }) => createTemplate(serviceContext(ctx), input));
