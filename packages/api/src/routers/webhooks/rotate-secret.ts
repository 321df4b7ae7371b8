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
  .output(ZWebhookEndpointWithSecretSchema)
  .mutation(({ ctx, input }) => rotateWebhookSecret(serviceContext(ctx), input.id));
