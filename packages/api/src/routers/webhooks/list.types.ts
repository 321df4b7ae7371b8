import { pageOutputSchema } from "@fastnext/core";
import { ZWebhookEndpointViewSchema } from "@fastnext/core/webhooks";

export const ZWebhooksListOutputSchema = pageOutputSchema(ZWebhookEndpointViewSchema);
