import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { deleteWorkflowType } from "@fastnext/core/workflows";
import { ZWorkflowIdInputSchema } from "@fastnext/validators";

import { permissionProcedure } from "../../../trpc/procedures";

/** Refused while the type has templates. */
export const remove = permissionProcedure("workflow.manage")
  .input(ZWorkflowIdInputSchema)
  .output(z.object({ id: z.uuid() }))
  .mutation(({ ctx, input }) => deleteWorkflowType(serviceContext(ctx), input.id));
