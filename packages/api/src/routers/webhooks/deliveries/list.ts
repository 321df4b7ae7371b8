import { serviceContext } from "@fastnext/core";
import { listWebhookDeliveries, ZWebhookDeliveryListInputSchema } from "@fastnext/core/webhooks";

import { authedProcedure } from "../../../trpc/procedures";
import { ZWebhooksDeliveriesListOutputSchema } from "./list.types";

/** An endpoint's deliveries, newest first: status, attempts, last response and its time. */
export const list = authedProcedure
  .input(ZWebhookDeliveryListInputSchema)
  .meta({
    openapi: {
      method: "GET",
      path: "/webhooks/{endpointId}/deliveries",
      tags: ["webhooks"],
      summary: "An endpoint's deliveries, newest first",
    },
  })
  .output(ZWebhooksDeliveriesListOutputSchema)
  .query(({ ctx, input }) => listWebhookDeliveries(serviceContext(ctx), input));
