import { serviceContext } from "@fastnext/core";
import {
  getWebhookEndpoint,
  ZWebhookEndpointIdInputSchema,
  ZWebhookEndpointViewSchema,
} from "@fastnext/core/webhooks";

import { authedProcedure } from "../../trpc/procedures";

/** One endpoint the caller manages; NOT_FOUND for every other. */
export const get = authedProcedure
  .input(ZWebhookEndpointIdInputSchema)
  .output(ZWebhookEndpointViewSchema)
  .query(({ ctx, input }) => getWebhookEndpoint(serviceContext(ctx), input.id));
