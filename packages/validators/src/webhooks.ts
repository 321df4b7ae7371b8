import { z } from "zod";

import { ZTextSchema } from "./primitives";

/**
 * Where a webhook endpoint receives deliveries. Only http and https, no
 * credentials in the address; whether the host is a public address is
 * checked by the server (it knows the allow-list), at registration and
 * again on every connection.
 */
export const ZWebhookUrlSchema = z
  .url({ protocol: /^https?$/, error: "Must be an http or https address" })
  .max(2000)
  .refine((value) => {
    const url = new URL(value);
    return url.username === "" && url.password === "";
  }, "Must not contain a user name or password");

/**
 * The domain events an endpoint receives, by name. Which names exist is the
 * event catalogue's (the server refuses others); at least one, no repeats.
 */
export const ZWebhookEventsSchema = z
  .array(
    z
      .string()
      .trim()
      .regex(/^[a-z_]+\.[a-z_]+$/, "Not an event name"),
  )
  .min(1, "Choose at least one event")
  .max(100)
  .refine((names) => new Set(names).size === names.length, "Each event once");

export const ZWebhookDescriptionSchema = ZTextSchema.trim().max(500);

export const ZWebhookCreateInputSchema = z.object({
  url: ZWebhookUrlSchema,
  events: ZWebhookEventsSchema,
  /** Absent: installation-wide (needs webhook.manage); else the project's owners manage it. */
  projectId: z.uuid().nullable().default(null),
  description: ZWebhookDescriptionSchema.default(""),
  enabled: z.boolean().default(true),
});

/** The id names the endpoint; only the fields under `data` change. Its project never changes. */
export const ZWebhookUpdateInputSchema = z.object({
  id: z.uuid(),
  data: z
    .object({
      url: ZWebhookUrlSchema.optional(),
      events: ZWebhookEventsSchema.optional(),
      description: ZWebhookDescriptionSchema.optional(),
      enabled: z.boolean().optional(),
    })
    .refine(
      (data) =>
        data.url !== undefined ||
        data.events !== undefined ||
        data.description !== undefined ||
        data.enabled !== undefined,
      "Change at least one field",
    ),
});

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "succeeded", "failed", "cancelled"] as const;
export const ZWebhookDeliveryStatusSchema = z.enum(WEBHOOK_DELIVERY_STATUSES);

export type WebhookCreateInput = z.infer<typeof ZWebhookCreateInputSchema>;
export type WebhookUpdateInput = z.infer<typeof ZWebhookUpdateInputSchema>;
export type WebhookDeliveryStatus = z.infer<typeof ZWebhookDeliveryStatusSchema>;
