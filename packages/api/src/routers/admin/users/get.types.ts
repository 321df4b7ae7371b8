import { z } from "zod";

export const ZAdminUsersGetInputSchema = z.object({ id: z.uuid() });
