import { z } from "zod";

import { ZWorkflowIdInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { deleteWorkflowType } from "../../../services/workflows/types/write";
import { permissionProcedure } from "../../../trpc/procedures";

/** Refused while the type has templates. */
export const remove = permissionProcedure("workflow.manage")
  .input(ZWorkflowIdInputSchema)
  .output(z.object({ id: z.uuid() }))
  .mutation(({ ctx, input }) => deleteWorkflowType(serviceContext(ctx), input.id));
