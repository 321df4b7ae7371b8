import { serviceContext } from "@fastnext/core";
import { listWebhookEndpoints, ZWebhookEndpointListInputSchema } from "@fastnext/core/webhooks";

import { authedProcedure } from "../../trpc/procedures";
import { ZWebhooksListOutputSchema } from "./list.types";

/** The endpoints the caller manages, newest first. */
export const list = authedProcedure
  .input(ZWebhookEndpointListInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/webhooks",
      tags: ["webhooks"],
      summary: "Webhook endpoints the caller manages",
    },
  })
  .output(ZWebhooksListOutputSchema)
  .query(({ ctx, input }) => listWebhookEndpoints(serviceContext(ctx), input));
