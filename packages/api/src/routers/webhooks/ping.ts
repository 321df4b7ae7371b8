import { serviceContext } from "@fastnext/core";
import { pingWebhook, ZWebhookEndpointIdInputSchema } from "@fastnext/core/webhooks";

import { authedProcedure } from "../../trpc/procedures";
import { ZWebhooksOkOutputSchema } from "./webhooks.types";

/** Queues a test delivery (`webhook.ping`); it shows in the deliveries once the worker made it. */
export const ping = authedProcedure
  .input(ZWebhookEndpointIdInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/webhooks/{id}/ping",
      tags: ["webhooks"],
      summary: "Send a test delivery",
    },
  })
  .output(ZWebhooksOkOutputSchema)
  .mutation(async ({ ctx, input }) => {
    await pingWebhook(serviceContext(ctx), input.id);
    return { ok: true as const };
  });
