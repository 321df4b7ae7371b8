import { serviceContext } from "@fastnext/core";
import { getTemplate, ZWorkflowTemplateViewSchema } from "@fastnext/core/workflows";
import { ZWorkflowIdInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";

export const get = authedProcedure
  .input(ZWorkflowIdInputSchema)
  .output(ZWorkflowTemplateViewSchema)
  .query(({ ctx, input }) => getTemplate(serviceContext(ctx), input.id));
