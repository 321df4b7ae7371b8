import { z } from "zod";

export const ZAdminRolesGetInputSchema = z.object({ id: z.uuid() });
