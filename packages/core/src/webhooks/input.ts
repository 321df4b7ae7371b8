import { z } from "zod";

import { ZWebhookDeliveryStatusSchema } from "@fastnext/validators";

import { ZPageInputSchema } from "../pagination/pagination";

export const ZWebhookEndpointIdInputSchema = z.object({ id: z.uuid() });

/** Endpoints the caller manages; with a project, that project's only. */
export const ZWebhookEndpointListInputSchema = ZPageInputSchema.extend({
  projectId: z.uuid().optional(),
});

export const ZWebhookDeliveryListInputSchema = ZPageInputSchema.extend({
  endpointId: z.uuid(),
  status: ZWebhookDeliveryStatusSchema.optional(),
});

export const ZWebhookDeliveryIdInputSchema = z.object({ id: z.uuid() });

export type WebhookEndpointListInput = z.infer<typeof ZWebhookEndpointListInputSchema>;
export type WebhookDeliveryListInput = z.infer<typeof ZWebhookDeliveryListInputSchema>;
