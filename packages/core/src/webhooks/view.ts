import { z } from "zod";

import { ZWebhookDeliveryStatusSchema } from "@fastnext/validators";

/** An endpoint as its managers see it: never its secret (shown once, when made or rotated). */
export const ZWebhookEndpointViewSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid().nullable(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  /** Failed attempts since the last success. */
  consecutiveFailures: z.number().int(),
  /** When the worker disabled it after repeated failures, and why. */
  disabledAt: z.date().nullable(),
  disabledReason: z.string().nullable(),
  /** Until then the secret before the last rotation signs too. */
  previousSecretExpiresAt: z.date().nullable(),
  createdById: z.uuid().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type WebhookEndpointView = z.infer<typeof ZWebhookEndpointViewSchema>;

/** The columns of the view: the app role may not read the sealed secrets at all. */
export const endpointSelect = {
  id: true,
  projectId: true,
  url: true,
  description: true,
  events: true,
  enabled: true,
  consecutiveFailures: true,
  disabledAt: true,
  disabledReason: true,
  previousSecretExpiresAt: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** A new endpoint, or one whose secret was just rotated: the only time the secret is shown. */
export const ZWebhookEndpointWithSecretSchema = z.object({
  endpoint: ZWebhookEndpointViewSchema,
  secret: z.string(),
});

export type WebhookEndpointWithSecret = z.infer<typeof ZWebhookEndpointWithSecretSchema>;

export const ZWebhookDeliveryViewSchema = z.object({
  /** Also the `webhook-id` header of every attempt. */
  id: z.uuid(),
  endpointId: z.uuid(),
  eventId: z.uuid().nullable(),
  eventName: z.string(),
  status: ZWebhookDeliveryStatusSchema,
  attempts: z.number().int(),
  lastAttemptAt: z.date().nullable(),
  responseStatus: z.number().int().nullable(),
  responseTimeMs: z.number().int().nullable(),
  /** The start of the last response's body. */
  responseBody: z.string().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.date().nullable(),
  createdAt: z.date(),
});

export type WebhookDeliveryView = z.infer<typeof ZWebhookDeliveryViewSchema>;

export const deliverySelect = {
  id: true,
  endpointId: true,
  eventId: true,
  eventName: true,
  status: true,
  attempts: true,
  lastAttemptAt: true,
  responseStatus: true,
  responseTimeMs: true,
  responseBody: true,
  lastError: true,
  deliveredAt: true,
  createdAt: true,
} as const;
