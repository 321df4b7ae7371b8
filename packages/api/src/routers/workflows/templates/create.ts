import { ZWorkflowTemplateCreateInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { ZWorkflowTemplateViewSchema } from "../../../services/workflows/templates/view";
import { createTemplate } from "../../../services/workflows/templates/write";
import { idempotent } from "../../../trpc/idempotent";
import { permissionProcedure } from "../../../trpc/procedures";

/** A new template key, version 1, as a draft. */
export const create = permissionProcedure("workflow.manage")
  .concat(idempotent)
  .input(ZWorkflowTemplateCreateInputSchema)
  .output(ZWorkflowTemplateViewSchema)
  .mutation(({ ctx, input }) => createTemplate(serviceContext(ctx), input));
