import { z } from "zod";

export const ZProjectsDeleteOutputSchema = z.object({ id: z.uuid() });
