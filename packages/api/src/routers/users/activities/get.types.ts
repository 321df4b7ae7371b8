import { z } from "zod";

export const ZUsersActivitiesGetInputSchema = z.object({ id: z.uuid() });
