import { z } from "zod";

import { ZSessionViewSchema } from "../auth.types";

export const ZAuthSessionsListOutputSchema = z.array(ZSessionViewSchema);
