import { serviceContext } from "@fastnext/core";
import { createWebhookEndpoint, ZWebhookEndpointWithSecretSchema } from "@fastnext/core/webhooks";
import { ZWebhookCreateInputSchema } from "@fastnext/validators";

import { idempotent } from "../../trpc/idempotent";
import { authedProcedure } from "../../trpc/procedures";

/**
 * A new endpoint and its signing secret (shown this once). Installation-wide
 * needs webhook.manage; a project's, its owner role.
 */
export const create = authedProcedure
  .concat(idempotent)
  .input(ZWebhookCreateInputSchema)
  .output(ZWebhookEndpointWithSecretSchema)
  .mutation(({ ctx, input }) => createWebhookEndpoint(serviceContext(ctx), input));
