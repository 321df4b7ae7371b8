import { z } from "zod";

/** The input of the procedures that name one workflow type or template by its id and nothing else. */
export const ZWorkflowIdInputSchema = z.object({ id: z.uuid() });
