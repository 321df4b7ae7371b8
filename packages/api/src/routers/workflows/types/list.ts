import { serviceContext } from "@fastnext/core";
import { listWorkflowTypes } from "@fastnext/core/workflows";

import { authedProcedure } from "../../../trpc/procedures";
import { ZWorkflowsTypesListInputSchema, ZWorkflowsTypesListOutputSchema } from "./list.types";

export const list = authedProcedure
  .input(ZWorkflowsTypesListInputSchema)
  .output(ZWorkflowsTypesListOutputSchema)
  .query(({ ctx, input }) => listWorkflowTypes(serviceContext(ctx), input));
