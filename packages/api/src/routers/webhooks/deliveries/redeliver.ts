import { serviceContext } from "@fastnext/core";
import { redeliverWebhook, ZWebhookDeliveryIdInputSchema } from "@fastnext/core/webhooks";

import { authedProcedure } from "../../../trpc/procedures";
import { ZWebhooksOkOutputSchema } from "../webhooks.types";

/** Sends a finished delivery again, same body and id, by the worker. */
export const redeliver = authedProcedure
  .input(ZWebhookDeliveryIdInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/webhooks/deliveries/{id}/redeliver",
      tags: ["webhooks"],
      summary: "Send a delivery again",
    },
  })
  .output(ZWebhooksOkOutputSchema)
  .mutation(async ({ ctx, input }) => {
    await redeliverWebhook(serviceContext(ctx), input.id);
    return { ok: true as const };
  });
