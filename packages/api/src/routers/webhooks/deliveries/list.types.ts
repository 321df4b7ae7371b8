import { pageOutputSchema } from "@fastnext/core";
import { ZWebhookDeliveryViewSchema } from "@fastnext/core/webhooks";

export const ZWebhooksDeliveriesListOutputSchema = pageOutputSchema(ZWebhookDeliveryViewSchema);
