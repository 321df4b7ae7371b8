import { ZWorkflowTemplateUpdateInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { ZWorkflowTemplateViewSchema } from "../../../services/workflows/templates/view";
import { updateTemplate } from "../../../services/workflows/templates/write";
import { permissionProcedure } from "../../../trpc/procedures";

/** Edits a draft in place; editing a published version returns a new draft version. */
export const update = permissionProcedure("workflow.manage")
  .input(ZWorkflowTemplateUpdateInputSchema)
  .output(ZWorkflowTemplateViewSchema)
  .mutation(({ ctx, input }) => updateTemplate(serviceContext(ctx), input));
