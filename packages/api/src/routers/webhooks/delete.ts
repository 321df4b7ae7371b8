import { serviceContext } from "@fastnext/core";
import { deleteWebhookEndpoint, ZWebhookEndpointIdInputSchema } from "@fastnext/core/webhooks";

import { authedProcedure } from "../../trpc/procedures";
import { ZWebhooksOkOutputSchema } from "./webhooks.types";

/** The endpoint and its delivery log. */
export const remove = authedProcedure
  .input(ZWebhookEndpointIdInputSchema)
  .meta({
    openapi: {
      method: "DELETE",
      path: "/webhooks/{id}",
      tags: ["webhooks"],
      summary: "Delete a webhook endpoint",
    },
  })
  .output(ZWebhooksOkOutputSchema)
  .mutation(async ({ ctx, input }) => {
    await deleteWebhookEndpoint(serviceContext(ctx), input.id);
    return { ok: true as const };
  });
