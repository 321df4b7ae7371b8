import { serviceContext } from "@fastnext/core";
import { createWebhookEndpoint, ZWebhookEndpointWithSecretSchema } from "@fastnext/core/webhooks";
import { ZWebhookCreateInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../trpc/procedures";

/**
 * A new endpoint and its signing secret (shown this once). Installation-wide
 * needs webhook.manage; a project's, its owner role. Not idempotent on
 * purpose: a replayed answer would have to be stored, and with it the
 * secret in clear.
 */
export const create = authedProcedure
  .input(ZWebhookCreateInputSchema)
  .meta({
    openapi: {
      method: "POST",
      path: "/webhooks",
      tags: ["webhooks"],
      summary: "Register a webhook endpoint",
    },
  })
  .output(ZWebhookEndpointWithSecretSchema)
  .mutation(({ ctx, input }) => createWebhookEndpoint(serviceContext(ctx), input));
