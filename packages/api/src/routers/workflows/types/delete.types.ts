import { z } from "zod";

export const ZWorkflowsTypesDeleteOutputSchema = z.object({ id: z.uuid() });
