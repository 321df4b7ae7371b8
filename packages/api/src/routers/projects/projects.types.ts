import { z } from "zod";

/** The input of the procedures that name one project by its id and nothing else. */
export const ZProjectIdInputSchema = z.object({ id: z.uuid() });
