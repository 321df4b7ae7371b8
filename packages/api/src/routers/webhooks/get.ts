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
  .meta({
    openapi: {
      method: "GET",
      path: "/webhooks/{id}",
      tags: ["webhooks"],
      summary: "One webhook endpoint",
    },
  })
  .output(ZWebhookEndpointViewSchema)
  .query(({ ctx, input }) => getWebhookEndpoint(serviceContext(ctx), input.id));
