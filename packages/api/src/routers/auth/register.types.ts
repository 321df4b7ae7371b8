import { z } from "zod";

import { ZUserViewSchema } from "@fastnext/core/users";

export const ZAuthRegisterOutputSchema = z.object({ user: ZUserViewSchema });
