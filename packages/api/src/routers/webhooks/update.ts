import { serviceContext } from "@fastnext/core";
import { updateWebhookEndpoint, ZWebhookEndpointViewSchema } from "@fastnext/core/webhooks";
import { ZWebhookUpdateInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../trpc/procedures";

/** Address, events, description, or on/off (on again clears a disabling). */
export const update = authedProcedure
  .input(ZWebhookUpdateInputSchema)
  .meta({
    openapi: {
      method: "PATCH",
      path: "/webhooks/{id}",
      tags: ["webhooks"],
      summary: "Change a webhook endpoint",
    },
  })
  .output(ZWebhookEndpointViewSchema)
  .mutation(({ ctx, input }) => updateWebhookEndpoint(serviceContext(ctx), input));
