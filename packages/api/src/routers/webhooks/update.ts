import { serviceContext } from "@fastnext/core";
import { updateWebhookEndpoint, ZWebhookEndpointViewSchema } from "@fastnext/core/webhooks";
import { ZWebhookUpdateInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../trpc/procedures";

/** Address, events, description, or on/off (on again clears a disabling). */
export const update = authedProcedure
  .input(ZWebhookUpdateInputSchema)
  .output(ZWebhookEndpointViewSchema)
  .mutation(({ ctx, input }) => updateWebhookEndpoint(serviceContext(ctx), input));
