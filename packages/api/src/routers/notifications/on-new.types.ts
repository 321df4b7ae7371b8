import { z } from "zod";

import { ZCursorSchema } from "@fastnext/core";

export const ZNotificationsOnNewInputSchema = z
  .object({
    /** Set by the client when it reconnects: continue after this notification. */
    lastEventId: ZCursorSchema.nullish(),
  })
  .optional();
