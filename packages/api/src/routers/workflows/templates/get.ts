import { ZWorkflowIdInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { getTemplate } from "../../../services/workflows/templates/read";
import { ZWorkflowTemplateViewSchema } from "../../../services/workflows/templates/view";
import { authedProcedure } from "../../../trpc/procedures";

export const get = authedProcedure
  .input(ZWorkflowIdInputSchema)
  .output(ZWorkflowTemplateViewSchema)
  .query(({ ctx, input }) => getTemplate(serviceContext(ctx), input.id));
