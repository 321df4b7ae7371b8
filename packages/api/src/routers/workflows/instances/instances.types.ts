import { z } from "zod";

/** The input of the procedures that read one instance by its id and nothing else. */
export const ZWorkflowInstanceIdInputSchema = z.object({ instanceId: z.uuid() });
