import { serviceContext } from "@fastnext/core";
import {
  rotateWebhookSecret,
  ZWebhookEndpointIdInputSchema,
  ZWebhookEndpointWithSecretSchema,
} from "@fastnext/core/webhooks";

import { authedProcedure } from "../../trpc/procedures";

/** A new secret, shown once; the old one signs too for WEBHOOK_SECRET_GRACE_HOURS. */
export const rotateSecret = authedProcedure
  .input(ZWebhookEndpointIdInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/webhooks/{id}/rotate-secret",
      tags: ["webhooks"],
      summary: "Rotate an endpoint's signing secret",
    },
  })
  .output(ZWebhookEndpointWithSecretSchema)
  .mutation(({ ctx, input }) => rotateWebhookSecret(serviceContext(ctx), input.id));
