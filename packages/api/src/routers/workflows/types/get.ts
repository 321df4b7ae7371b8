import { ZWorkflowIdInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { getWorkflowType } from "../../../services/workflows/types/read";
import { ZWorkflowTypeViewSchema } from "../../../services/workflows/types/view";
import { authedProcedure } from "../../../trpc/procedures";

export const get = authedProcedure
  .input(ZWorkflowIdInputSchema)
  .output(ZWorkflowTypeViewSchema)
  .query(({ ctx, input }) => getWorkflowType(serviceContext(ctx), input.id));
